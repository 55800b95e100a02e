package io.piaf.campaigns;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** A creator launched a campaign at {@code @campagne/<slug>}. */
@EventVersion(1)
public record CampaignLaunched(CampaignId campaignId, String slug, UserId creatorId, String creatorHandle, String title,
        Money goal, Instant deadline, Instant launchedAt) {
}
