package io.piaf.messaging;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;

/** {@code followerId} now follows {@code followeeId}. Not published again when a follow is repeated. */
@EventVersion(1)
public record UserFollowed(UserId followerId, String followerHandle, UserId followeeId, String followeeHandle,
        Instant followedAt) {
}
