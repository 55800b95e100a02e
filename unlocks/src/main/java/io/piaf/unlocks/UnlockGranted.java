package io.piaf.unlocks;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.messaging.PostId;

/**
 * A user unlocked an item by publishing its post.
 *
 * @param audience the author's followers when the post was published (the post's reach)
 * @param viaUserId whose unlock post led to this one, when the user came from it; else null
 */
@EventVersion(1)
public record UnlockGranted(UnlockableId unlockableId, UserId creatorId, UserId userId, PostId postId, int audience,
        UserId viaUserId, Instant grantedAt) {
}
