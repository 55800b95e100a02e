package io.piaf.messaging;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * {@code followerId} now follows {@code followeeId}. Not published again when a follow is repeated.
 *
 * @param approved whether the followee approved a follow request (a protected account) rather than being followed
 *        at once; absent (false) in version 1
 */
@EventVersion(2)
@Externalized(value = "messaging", key = "/followeeId")
public record UserFollowed(UserId followerId, String followerHandle, UserId followeeId, String followeeHandle,
        Instant followedAt, boolean approved) {
}
