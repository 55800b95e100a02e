package io.piaf.messaging;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;

/** {@code followerId} stopped following {@code followeeId}. Not published when there was no follow. */
@EventVersion(1)
public record UserUnfollowed(UserId followerId, UserId followeeId, Instant unfollowedAt) {
}
