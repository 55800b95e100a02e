package io.piaf.campaigns.internal;

import java.time.Instant;
import java.util.UUID;

import io.piaf.campaigns.CampaignId;
import io.piaf.campaigns.PledgeId;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.WalletId;

record PledgeRow(PledgeId id, CampaignId campaign, UserId backer, String backerHandle, WalletId backerWallet, long amount,
        UUID reward, PaymentId payment, String status, Instant createdAt) {
}
