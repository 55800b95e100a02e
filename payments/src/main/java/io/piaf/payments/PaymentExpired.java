package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;

/** A payment was not confirmed in time; no money moved. */
@EventVersion(2)
public record PaymentExpired(PaymentDetails payment, Instant expiredAt) {
}
