package io.piaf.identity;

import java.time.Instant;

import io.piaf.common.EventVersion;

/** A user account now exists (a person who signed up, or a configured charity). */
@EventVersion(1)
public record UserRegistered(UserId userId, String handle, String displayName, AccountKind kind, Instant registeredAt) {
}
