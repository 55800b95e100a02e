package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/** A pending payment was cancelled before any money moved. */
@EventVersion(2)
@Externalized(value = "payments", key = "/payment/paymentId")
public record PaymentCancelled(PaymentDetails payment, CancellationReason reason, Instant cancelledAt) {
}
