package io.piaf.campaigns.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentDetails;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentFailed;
import reactor.core.publisher.Mono;

/**
 * A pledge follows its payment. Confirmed while the campaign is live: it counts. Confirmed after the deadline's
 * decision (its PIN came late): it gets a refund row, carried out by the settler. Not confirmed: its reward unit is
 * freed. Idempotent: only a PENDING pledge changes; payments that are not pledges find no row.
 */
@Component
class CampaignPaymentListener {

    private final CampaignStore campaigns;
    private final TransactionalOperator transactional;

    CampaignPaymentListener(CampaignStore campaigns, ReactiveTransactionManager transactions) {
        this.campaigns = campaigns;
        this.transactional = TransactionalOperator.create(transactions);
    }

    @OutboxListener(id = "campaigns.PledgeCompleted")
    Mono<Void> on(PaymentCompleted completed) {
        return campaigns.pledgeOfPayment(completed.payment().paymentId()).filter(p -> "PENDING".equals(p.status()))
                .flatMap(pledge -> transactional.transactional(campaigns.share(pledge.campaign())
                        .flatMap(campaign -> campaigns.settlePending(pledge.id(), "COMPLETED", completed.completedAt())
                                .flatMap(changed -> changed && !campaign.live() ? campaigns.refundLater(pledge) : Mono.empty()))))
                .then();
    }

    @OutboxListener(id = "campaigns.PledgeCancelled")
    Mono<Void> on(PaymentCancelled cancelled) {
        return notPaid(cancelled.payment());
    }

    @OutboxListener(id = "campaigns.PledgeExpired")
    Mono<Void> on(PaymentExpired expired) {
        return notPaid(expired.payment());
    }

    @OutboxListener(id = "campaigns.PledgeFailed")
    Mono<Void> on(PaymentFailed failed) {
        return notPaid(failed.payment());
    }

    private Mono<Void> notPaid(PaymentDetails payment) {
        return campaigns.pledgeOfPayment(payment.paymentId()).filter(p -> "PENDING".equals(p.status()))
                .flatMap(pledge -> transactional.transactional(campaigns.settlePending(pledge.id(), "CANCELLED", Instant.now())
                        .flatMap(changed -> changed && pledge.reward() != null ? campaigns.releaseReward(pledge.reward()) : Mono.empty())))
                .then();
    }
}
