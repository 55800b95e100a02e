package io.piaf.messaging;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * {@code requesterId} asked to follow the protected account {@code targetId}; they follow it once it approves. Not
 * published again while the request is pending.
 */
@EventVersion(1)
@Externalized(value = "messaging", key = "/targetId")
public record FollowRequested(UserId requesterId, String requesterHandle, UserId targetId, String targetHandle,
        Instant requestedAt) {
}
