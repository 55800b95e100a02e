package io.piaf.pots.internal;

import java.time.Instant;
import java.util.UUID;

import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.pots.PotId;

/** A contribution as stored; {@code status} PENDING, COMPLETED or CANCELLED, following its payment. */
record ContributionRow(UUID id, PotId pot, UserId contributor, String contributorHandle, long amount, boolean anonymous,
        boolean hideAmount, String note, PaymentId payment, String status, Instant createdAt, Instant completedAt) {
}
