package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/**
 * A payment waits for its payer's PIN until {@code expiresAt}. The payer is told with the payment id and the
 * {@code challenge} (the amount and payee the PIN will authorise).
 */
@EventVersion(2)
@Externalized(value = "payments", key = "/payment/paymentId")
public record PaymentRequested(PaymentDetails payment, String challenge, Instant expiresAt, Instant requestedAt) {
}
