package io.piaf.payments.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.piaf.platform.background.BackgroundWork;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sweeps what would otherwise stay stuck, every {@code piaf.payments.sweep-interval}: payments whose confirmation
 * window ran out (→ EXPIRED, with {@code PaymentExpired}), top-ups left pending by a crash (settled by asking the
 * card rail), Idempotency-Keys older than their retention. Safe on several instances: rows another one holds are
 * skipped, and every step is idempotent.
 */
@Component
class PaymentsReconciler extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(PaymentsReconciler.class);
    private static final int BATCH = 100;

    private final PaymentConfirmations confirmations;
    private final TopUpService topUpService;
    private final TopUpStore topUps;
    private final IdempotencyStore keys;
    private final PaymentsProperties properties;

    PaymentsReconciler(PaymentConfirmations confirmations, TopUpService topUpService, TopUpStore topUps,
            IdempotencyStore keys, PaymentsProperties properties) {
        this.confirmations = confirmations;
        this.topUpService = topUpService;
        this.topUps = topUps;
        this.keys = keys;
        this.properties = properties;
    }

    /** One sweep; each part fails on its own without stopping the others. */
    Mono<Void> sweep() {
        return expirePayments()
                .then(settleStaleTopUps())
                .then(keys.purgeOlderThan(properties.idempotencyRetention())
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.debug("Purged {} Idempotency-Keys past their retention", n);
                            }
                        })
                        .onErrorResume(e -> warn("purging Idempotency-Keys", e)).then());
    }

    Mono<Void> expirePayments() {
        return confirmations.expireDue(BATCH)
                .expand(n -> n >= BATCH ? confirmations.expireDue(BATCH) : Mono.empty())
                .reduce(0L, Long::sum)
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Expired {} unconfirmed payments", n);
                    }
                })
                .onErrorResume(e -> warn("expiring payments", e))
                .then();
    }

    Mono<Void> settleStaleTopUps() {
        return topUps.stale(properties.topUpStaleAfter(), BATCH)
                .concatMap(row -> topUpService.reconcile(row, keys).onErrorResume(e -> warn("settling top-up " + row.id(), e)))
                .onErrorResume(e -> warn("settling stale top-ups", e))
                .then();
    }

    private static <T> Mono<T> warn(String what, Throwable e) {
        log.warn("Reconciler: {} failed, next sweep retries: {}", what, e.toString());
        return Mono.empty();
    }

    @Override
    protected Flux<Void> work() {
        return Flux.interval(properties.sweepInterval())
                .onBackpressureDrop()
                .concatMap(tick -> sweep(), 1);
    }
}
