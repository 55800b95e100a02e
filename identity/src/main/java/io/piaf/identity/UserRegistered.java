package io.piaf.identity;

import java.time.Instant;

/** A user account now exists (a person who signed up, or a configured charity). */
public record UserRegistered(UserId userId, String handle, String displayName, AccountKind kind, Instant registeredAt) {
}
