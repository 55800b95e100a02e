package io.piaf.cards.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code piaf.cards.sweep-interval}: releases the holds of authorizations never cleared within
 * {@code piaf.cards.hold-expiry} (7 days, as networks let an authorization lapse), re-encrypts PANs still under an
 * older key after a rotation, and forgets network message ids older than twice the hold expiry (a duplicate is resent
 * within minutes, never weeks later). Each step is idempotent and safe on several instances.
 */
@Component
class CardsReconciler extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(CardsReconciler.class);
    private static final int BATCH = 100;

    private final IssuerStore store;
    private final CardStore cards;
    private final PurchaseLifecycle lifecycle;
    private final PanCipher cipher;
    private final CardKeys keys;
    private final CardsProperties properties;
    private final TransactionalOperator transactional;

    CardsReconciler(IssuerStore store, CardStore cards, PurchaseLifecycle lifecycle, PanCipher cipher, CardKeys keys,
            CardsProperties properties, ReactiveTransactionManager transactions) {
        this.store = store;
        this.cards = cards;
        this.lifecycle = lifecycle;
        this.cipher = cipher;
        this.keys = keys;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<Void> sweep() {
        var now = Instant.now();
        return store.pendingBefore(now.minus(properties.holdExpiry()), BATCH)
                .concatMap(id -> transactional.transactional(lifecycle.reverse(id, null, true)).retryWhen(Retries.onLockConflicts())
                        .onErrorResume(e -> warn("expiring authorization " + id, e)))
                .count()
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Released the holds of {} card authorizations never cleared", n);
                    }
                })
                .then(reencrypt().onErrorResume(e -> warn("re-encrypting PANs", e)))
                .then(store.purgeMessagesBefore(now.minus(properties.holdExpiry().multipliedBy(2)))
                        .onErrorResume(e -> warn("purging network message ids", e)).then());
    }

    /** Cards whose PAN is under an older key get it re-encrypted under the current one (key rotation). */
    Mono<Void> reencrypt() {
        return cards.encryptedWithOtherKey(keys.currentPanKeyId(), BATCH)
                .concatMap(card -> {
                    var pan = cipher.decrypt(card.id(), card.panCiphertext(), card.panKeyId());
                    var sealed = cipher.encrypt(card.id(), pan);
                    return cards.reencrypt(card.id(), card.panKeyId(), sealed.ciphertext(), sealed.keyId()).thenReturn(1);
                })
                .count()
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Re-encrypted {} card numbers under key {}", n, keys.currentPanKeyId());
                    }
                })
                .then();
    }

    private static <T> Mono<T> warn(String what, Throwable e) {
        log.warn("Cards reconciler: {} failed, next sweep retries: {}", what, e.toString());
        return Mono.empty();
    }

    @Override
    protected Flux<Void> work() {
        return Flux.interval(java.time.Duration.ZERO, properties.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep(), 1);
    }
}
