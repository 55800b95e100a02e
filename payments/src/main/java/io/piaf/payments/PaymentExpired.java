package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/** A payment was not confirmed in time; no money moved. */
@EventVersion(2)
@Externalized(value = "payments", key = "/payment/paymentId")
public record PaymentExpired(PaymentDetails payment, Instant expiredAt) {
}
