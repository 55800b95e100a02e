package io.piaf.campaigns;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/**
 * The deadline passed and the campaign was decided, once: {@code succeeded} (pledged ≥ goal: the creator gets
 * {@code pledged − fee}) or failed (every pledge is refunded). The money moves after this, pledge by pledge.
 */
@EventVersion(1)
@Externalized(value = "campaigns", key = "/campaignId")
public record CampaignSettled(CampaignId campaignId, UserId creatorId, boolean succeeded, Money pledged, Money fee,
        int backers, Instant decidedAt) {
}
