package io.piaf.unlocks.internal;

import java.time.Instant;
import java.util.UUID;

import io.piaf.identity.UserId;
import io.piaf.messaging.PostId;
import io.piaf.unlocks.UnlockableId;

/**
 * An unlock as stored; the via fields are null when the user did not come from someone's unlock post. A PAID unlock
 * has no post (null, audience 0) and records its amount (cents) and ledger transfer.
 */
record UnlockRow(UUID id, UnlockableId unlockable, UserId user, String userHandle, PostId post, int audience, PostId viaPost,
        UserId viaUser, String viaHandle, Instant createdAt, Instant revokedAt, String kind, Long amount, UUID transferId) {

    static final String POST = "POST";
    static final String PAID = "PAID";

    boolean paid() {
        return PAID.equals(kind);
    }
}
