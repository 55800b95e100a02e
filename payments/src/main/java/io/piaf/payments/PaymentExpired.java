package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.UserId;

/** A payment was not confirmed in time; no money moved. */
public record PaymentExpired(PaymentId paymentId, UserId payerId, String payerHandle, UserId payeeId,
        String payeeHandle, String amount, String currency, PaymentSource source, String sourceId, Instant expiredAt) {
}
