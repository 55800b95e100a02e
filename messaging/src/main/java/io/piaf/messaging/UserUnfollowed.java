package io.piaf.messaging;

import java.time.Instant;

import io.piaf.identity.UserId;

/** {@code followerId} stopped following {@code followeeId}. Not published when there was no follow. */
public record UserUnfollowed(UserId followerId, UserId followeeId, Instant unfollowedAt) {
}
