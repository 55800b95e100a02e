package io.piaf.identity;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/**
 * Too many wrong PINs in a row locked a user's PIN until {@code lockedUntil}; {@code lockCount} says how many locks
 * in a row (each lasts longer: 15 min, 1 h, then 24 h by default). The user is told of each one.
 */
@EventVersion(1)
@Externalized(value = "identity", key = "/userId")
public record PinLocked(UserId userId, Instant lockedUntil, int lockCount, Instant lockedAt) {
}
