package io.piaf.payments;

import java.time.Instant;

/** A payment waiting for its payer's PIN: what the payer is shown ({@code challenge}) and until when. */
public record PendingPayment(PaymentId id, Money amount, String payee, String challenge, Instant expiresAt) {
}
