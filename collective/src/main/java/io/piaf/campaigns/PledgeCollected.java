package io.piaf.campaigns;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;
import io.piaf.payments.TransferId;

/**
 * The campaign met its goal and a pledge's money went from escrow to its creator (ledger transfer {@code transferId},
 * one for all the campaign's pledges), in this transaction: the backer's pledge is final.
 */
@EventVersion(1)
@Externalized(value = "campaigns", key = "/campaignId")
public record PledgeCollected(PledgeId pledgeId, CampaignId campaignId, UserId backerId, Money amount, TransferId transferId,
        Instant collectedAt) {
}
