package io.piaf.campaigns;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;
import io.piaf.payments.TransferId;

/**
 * A pledge's money went back to its backer (ledger transfer {@code transferId}), in this transaction: the campaign
 * failed ({@code FAILED}), the backer cancelled before the deadline ({@code CANCELLED}), or the pledge was confirmed
 * after the deadline ({@code LATE}).
 */
@EventVersion(1)
@Externalized(value = "campaigns", key = "/campaignId")
public record PledgeRefunded(PledgeId pledgeId, CampaignId campaignId, UserId backerId, Money amount, String reason,
        TransferId transferId, Instant refundedAt) {
}
