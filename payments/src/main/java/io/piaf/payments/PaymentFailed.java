package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/** A pending payment can never complete (e.g. its payee's wallet is gone); no money moved. {@code code} says why. */
@EventVersion(2)
@Externalized(value = "payments", key = "/payment/paymentId")
public record PaymentFailed(PaymentDetails payment, String code, Instant failedAt) {
}
