package io.piaf.payments;

import reactor.core.publisher.Mono;

/**
 * Payments other modules ask a user to confirm with their PIN, with the same caps, expiry, receipts and confirmation
 * ({@code POST /api/payments/{id}/confirm}) as a payment to a person; only the account the money lands in differs
 * (e.g. a money pot's). Completion is announced by {@link PaymentCompleted} like any payment.
 */
public interface PaymentOrders {

    /**
     * Creates the payment waiting for the payer's PIN, in the caller's R2DBC transaction (so that the caller's own
     * record of it commits with it). Refusals (cap, PIN not set, paying oneself…) fail with payments'
     * {@link io.piaf.common.ProblemException} and write nothing.
     */
    Mono<PendingPayment> request(PaymentOrder order);
}
