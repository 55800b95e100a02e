package io.piaf.cards.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.piaf.cards.internal.domain.CardVerification;

@Configuration(proxyBeanMethods = false)
class CardsBeans {

    @Bean
    CardVerification cardVerification(CardKeys keys) {
        return new CardVerification(keys.verificationKey(), keys.rotatedVerificationKeys());
    }
}
