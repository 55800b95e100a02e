package io.piaf.campaigns;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.messaging.PostId;

/**
 * A campaign's creator published a public post naming the campaign's address: an update, told to one backer (one
 * event per backer whose pledge is completed or released, so that each is delivered and retried on its own).
 */
@EventVersion(1)
@Externalized(value = "campaigns", key = "/campaignId")
public record CampaignUpdatePosted(CampaignId campaignId, String campaignTitle, PostId postId, UserId creatorId, String creatorHandle,
        UserId backerId, Instant postedAt) {
}
