package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;

/** A pending payment can never complete (e.g. its payee's wallet is gone); no money moved. {@code code} says why. */
@EventVersion(2)
public record PaymentFailed(PaymentDetails payment, String code, Instant failedAt) {
}
