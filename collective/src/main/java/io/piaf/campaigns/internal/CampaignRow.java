package io.piaf.campaigns.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.piaf.campaigns.CampaignId;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;

/** A campaign as stored, with its tiers and (when read) its confirmed total and backers. */
record CampaignRow(CampaignId id, String slug, UserId creator, String creatorHandle, String title, String description, long goal,
        Instant deadline, int feeBps, AccountId escrow, String status, Instant createdAt, long pledged, int backers,
        List<Reward> rewards) {

    record Reward(UUID id, int position, String title, long minimum, Integer quantity, Integer remaining) {
    }

    boolean live() {
        return "LIVE".equals(status);
    }

    CampaignRow withRewards(List<Reward> tiers) {
        return new CampaignRow(id, slug, creator, creatorHandle, title, description, goal, deadline, feeBps, escrow, status,
                createdAt, pledged, backers, tiers);
    }
}
