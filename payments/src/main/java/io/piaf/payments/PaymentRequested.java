package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.UserId;

/**
 * A payment waits for its payer's PIN until {@code expiresAt}. The payer is told with the payment id and the
 * {@code challenge} (the amount and payee the PIN will authorise).
 *
 * @param amount a decimal string, e.g. {@code "12.50"}
 * @param source where it was asked for; {@code sourceId} is the post or message id (null for the API)
 */
public record PaymentRequested(PaymentId paymentId, UserId payerId, String payerHandle, UserId payeeId,
        String payeeHandle, String amount, String currency, String note, boolean donation, String challenge,
        PaymentSource source, String sourceId, Instant expiresAt, Instant requestedAt) {
}
