package io.piaf.pots.internal;

import org.springframework.stereotype.Component;

import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentFailed;
import reactor.core.publisher.Mono;

/**
 * A contribution follows its payment. The money is already in the pot's account when {@link PaymentCompleted} is
 * committed; this adds it to the pot's page. Idempotent: only a PENDING contribution changes. Payments that are not
 * contributions find no row and change nothing.
 */
@Component
class PotPaymentListener {

    private final PotStore pots;

    PotPaymentListener(PotStore pots) {
        this.pots = pots;
    }

    @OutboxListener(id = "pots.ContributionCompleted")
    Mono<Void> on(PaymentCompleted completed) {
        return pots.complete(completed.payment().paymentId(), completed.completedAt()).then();
    }

    @OutboxListener(id = "pots.ContributionCancelled")
    Mono<Void> on(PaymentCancelled cancelled) {
        return pots.cancel(cancelled.payment().paymentId());
    }

    @OutboxListener(id = "pots.ContributionExpired")
    Mono<Void> on(PaymentExpired expired) {
        return pots.cancel(expired.payment().paymentId());
    }

    @OutboxListener(id = "pots.ContributionFailed")
    Mono<Void> on(PaymentFailed failed) {
        return pots.cancel(failed.payment().paymentId());
    }
}
