package io.piaf.commerce.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.commerce.CheckoutSessionExpired;
import io.piaf.outbox.Outbox;
import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Open sessions past their expiry time become EXPIRED, each with its {@link CheckoutSessionExpired} in the same
 * transaction (so the merchant's {@code checkout.session.expired} webhook is sent exactly when the row changed).
 * Until a sweep reaches it, such a session already reads as EXPIRED and cannot be paid.
 */
@Component
class SessionExpiry extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(SessionExpiry.class);
    private static final int BATCH = 200;

    private final SessionStore sessions;
    private final Outbox outbox;
    private final CommerceProperties properties;
    private final TransactionalOperator transactional;

    SessionExpiry(SessionStore sessions, Outbox outbox, CommerceProperties properties, ReactiveTransactionManager transactions) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** One batch; the number of sessions it expired. */
    Mono<Integer> sweep() {
        var now = Instant.now();
        return transactional.transactional(sessions.expireDue(BATCH)
                .map(s -> new CheckoutSessionExpired(s.id(), s.merchantId(), false, s.expiresAt().isBefore(now) ? s.expiresAt() : now))
                .collectList()
                .flatMap(events -> outbox.appendAll(events).thenReturn(events.size())));
    }

    @Override
    protected Flux<?> work() {
        return Flux.interval(properties.expirySweep())
                .onBackpressureDrop()
                .concatMap(tick -> sweep().expand(n -> n == BATCH ? sweep() : Mono.empty())
                        .onErrorResume(e -> {
                            log.warn("Expiring checkout sessions failed, the next sweep retries: {}", e.toString());
                            return Mono.empty();
                        }), 1);
    }
}
