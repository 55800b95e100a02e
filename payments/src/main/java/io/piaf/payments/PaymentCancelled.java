package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.UserId;

/** A pending payment was cancelled before any money moved. */
public record PaymentCancelled(PaymentId paymentId, UserId payerId, String payerHandle, UserId payeeId,
        String payeeHandle, String amount, String currency, CancellationReason reason, PaymentSource source,
        String sourceId, Instant cancelledAt) {
}
