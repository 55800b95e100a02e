package io.piaf.requests;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * A post held a request command ({@code #demander 15€ @bob}) that cannot become one; nothing was created.
 * {@code code} is the API's problem code (e.g. {@code self_request}, {@code payer_not_found}).
 */
@EventVersion(1)
@Externalized(value = "requests", key = "/authorId")
public record RequestCommandRejected(UserId authorId, String authorHandle, String postId, String code, String detail,
        Instant rejectedAt) {
}
