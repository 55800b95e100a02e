package io.piaf.campaigns;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * A post held a pledge command ({@code #soutenir 25€ @campagne/x}) that cannot become one; nothing was created.
 * {@code code} is the API's problem code (e.g. {@code campaign_not_found}, {@code campaign_closed}, {@code limit_exceeded}).
 */
@EventVersion(1)
@Externalized(value = "campaigns", key = "/authorId")
public record PledgeCommandRejected(UserId authorId, String authorHandle, String postId, String code, String detail,
        Instant rejectedAt) {
}
