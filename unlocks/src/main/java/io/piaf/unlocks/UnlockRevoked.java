package io.piaf.unlocks;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.messaging.PostId;

/** An unlock ended: its post was deleted within the revocation window (24 hours by default). */
@EventVersion(1)
public record UnlockRevoked(UnlockableId unlockableId, UserId userId, PostId postId, Instant revokedAt) {
}
