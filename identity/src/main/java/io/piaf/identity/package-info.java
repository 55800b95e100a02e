/**
 * Identity owns users, their handles, credentials and PIN, their settings, and the keys that sign and verify Piaf's
 * tokens. Other modules refer to a user by {@link io.piaf.identity.UserId} and ask {@link io.piaf.identity.Identity}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = { "common", "outbox", "platform :: secrets", "platform :: ratelimit", "platform :: logging" })
package io.piaf.identity;
