package io.piaf.unlocks;

import java.time.Instant;
import java.util.UUID;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;

/**
 * A user paid for an item instead of posting: {@code amountCents} (EUR) moved from their wallet to the creator's by the
 * ledger transfer {@code transferId}, in the transaction that granted the unlock.
 */
@EventVersion(1)
public record UnlockPurchased(UnlockableId unlockableId, UserId creatorId, UserId userId, long amountCents, UUID transferId,
        Instant purchasedAt) {
}
