package io.piaf.cards.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;
import io.piaf.cards.internal.domain.CardVerification;

@Configuration(proxyBeanMethods = false)
class CardsBeans {

    @Bean
    CardVerification cardVerification(CardKeys keys) {
        return new CardVerification(keys.verificationKey(), keys.rotatedVerificationKeys());
    }

    /**
     * The card network's endpoint is not observed as an HTTP request (no span, no {@code http.server.requests}). Measured
     * when context propagation was {@code auto}: the request's observation, restored around every operator, cost a fifth
     * of the JVM's CPU per authorization (bench/cards, ADR 8). Propagation is {@code limited} since, and what this still
     * saves (a span and a timer per message) has not been measured apart. The network's messages carry their own ids,
     * refusals are logged with their reason, and {@link NetworkController} times each message itself
     * ({@code piaf.cards.network.messages}).
     */
    @Bean
    ObservationPredicate networkMessagesAreNotObserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getPath().value().startsWith(NetworkController.PATH));
    }
}
