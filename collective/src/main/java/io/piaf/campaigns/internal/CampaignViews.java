package io.piaf.campaigns.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.piaf.campaigns.internal.domain.CampaignRules;

/** What the API shows of campaigns: totals, never who pledged what (the page is public). */
final class CampaignViews {

    record MoneyView(String amount, String currency) {

        static MoneyView of(long cents) {
            return new MoneyView(BigDecimal.valueOf(cents, 2).toPlainString(), "EUR");
        }
    }

    record RewardView(String id, String title, MoneyView minimum, Integer quantity, Integer remaining) {
    }

    /** {@code fee}: what the platform keeps of {@code pledged} if the goal is met, shown up front. */
    record Campaign(String id, String slug, String address, String title, String description, String creator, MoneyView goal,
            MoneyView pledged, int backers, Instant deadline, String status, String feeRate, MoneyView fee,
            List<RewardView> rewards, Instant createdAt) {
    }

    record Progress(String id, MoneyView pledged, int backers, String status, List<RewardView> rewards) {
    }

    record Pledged(String id, String campaignId, String paymentId, String status, MoneyView amount, String rewardId,
            ChallengeView challenge, Instant expiresAt) {
    }

    record ChallengeView(MoneyView amount, String payee, String text) {
    }

    record Cancelled(String id, String status, MoneyView refunded) {
    }

    private CampaignViews() {
    }

    static Campaign of(CampaignRow c) {
        return new Campaign(c.id().toString(), c.slug(), "@campagne/" + c.slug(), c.title(), c.description(), c.creatorHandle(),
                MoneyView.of(c.goal()), MoneyView.of(c.pledged()), c.backers(), c.deadline(), c.status(),
                BigDecimal.valueOf(c.feeBps(), 4).stripTrailingZeros().toPlainString(),
                MoneyView.of(CampaignRules.fee(c.pledged(), c.feeBps())), rewards(c), c.createdAt());
    }

    static Progress progress(CampaignRow c) {
        return new Progress(c.id().toString(), MoneyView.of(c.pledged()), c.backers(), c.status(), rewards(c));
    }

    static Pledged pledged(CampaignService.Pledge p, String rewardId) {
        var payment = p.payment();
        var amount = MoneyView.of(payment.amount().minorUnits());
        return new Pledged(p.id().toString(), p.campaign().id().toString(), payment.id().toString(), "PENDING_CONFIRMATION", amount,
                rewardId, new ChallengeView(amount, payment.payee(), payment.challenge()), payment.expiresAt());
    }

    private static List<RewardView> rewards(CampaignRow c) {
        return c.rewards().stream().map(r -> new RewardView(r.id().toString(), r.title(), MoneyView.of(r.minimum()), r.quantity(),
                r.remaining())).toList();
    }
}
