package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.UserId;

/** A pending payment can never complete (e.g. its payee's wallet is gone); no money moved. */
public record PaymentFailed(PaymentId paymentId, UserId payerId, String payerHandle, UserId payeeId,
        String payeeHandle, String amount, String currency, String code, PaymentSource source, String sourceId,
        Instant failedAt) {
}
