package io.piaf.unlocks;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;

/** A creator published an unlockable item; its content is not in the event (only unlockers may read it). */
@EventVersion(1)
public record UnlockableCreated(UnlockableId unlockableId, UserId creatorId, String title, Instant createdAt) {
}
