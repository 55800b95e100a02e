package io.piaf.pots;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * A post held a contribution command ({@code #participer 10€ @pot/x}) that cannot become one; nothing was created.
 * {@code code} is the API's problem code (e.g. {@code pot_not_found}, {@code pot_closed}, {@code limit_exceeded}).
 */
@EventVersion(1)
@Externalized(value = "pots", key = "/authorId")
public record PotCommandRejected(UserId authorId, String authorHandle, String postId, String code, String detail,
        Instant rejectedAt) {
}
