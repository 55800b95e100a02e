package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;

/** A pending payment was cancelled before any money moved. */
@EventVersion(2)
public record PaymentCancelled(PaymentDetails payment, CancellationReason reason, Instant cancelledAt) {
}
