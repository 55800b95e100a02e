package io.piaf.messaging;

import io.piaf.identity.UserId;

/** An {@code @handle} in a text that names an existing user. */
public record Mention(UserId userId, String handle) {
}
