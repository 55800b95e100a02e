package io.piaf.campaigns.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.piaf.campaigns.internal.domain.CampaignRules;
import io.piaf.common.ApiFormats;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** What the API shows of campaigns: totals, never who pledged what (the page is public). */
final class CampaignViews {

    static final String SLUG = "^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$";
    /** What a path accepts: an id, or a slug in any case. */
    static final String SLUG_OR_ID = "^[A-Za-z0-9][A-Za-z0-9-]{1,38}[A-Za-z0-9]$";
    static final String MONEY = "#/components/schemas/Money";

    /** Written as payments' {@code Money} ({@code {"amount":"12.50","currency":"EUR"}}), which the description refers to. */
    record MoneyView(String amount, String currency) {

        static MoneyView of(long cents) {
            return new MoneyView(BigDecimal.valueOf(cents, 2).toPlainString(), "EUR");
        }
    }

    @Schema(name = "CampaignReward", description = "A reward tier: pledging at least `minimum` to it takes one unit")
    record RewardView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 80) String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView minimum,
            @Schema(minimum = "1", maximum = "2147483647", description = "Units offered; absent: unlimited") Integer quantity,
            @Schema(minimum = "0", maximum = "2147483647", description = "Units left; absent: unlimited") Integer remaining) {
    }

    /** {@code fee}: what the platform keeps of {@code pledged} if the goal is met, shown up front. */
    @Schema(name = "Campaign", description = "A crowdfunding campaign: all or nothing at its deadline")
    record Campaign(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = SLUG, maxLength = 40) String slug,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^@campagne/[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", maxLength = 50,
                    example = "@campagne/cuvee", description = "How a post names the campaign") String address,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 80) String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 2000) String description,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String creator,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView goal,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "Confirmed pledges not refunded") MoneyView pledged,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647") int backers,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant deadline,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "LIVE", "SUCCEEDED", "FAILED" }) String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^(0|0\\.[0-9]{1,4}|1)$", maxLength = 6, example = "0.05",
                    description = "The platform's share of `pledged` if the goal is met") String feeRate,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "The platform's cut of `pledged` if the goal is met")
            MoneyView fee,
            @ArraySchema(maxItems = 20, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = RewardView.class)) List<RewardView> rewards,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant createdAt) {
    }

    @Schema(name = "CampaignProgress", description = "The data of a `progress` event")
    record Progress(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView pledged,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647") int backers,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "LIVE", "SUCCEEDED", "FAILED" }) String status,
            @ArraySchema(maxItems = 20, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = RewardView.class)) List<RewardView> rewards) {
    }

    @Schema(name = "Pledge", description = "A pledge waiting for the backer's PIN: confirm its payment")
    record Pledged(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String campaignId,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid",
                    description = "Confirm with POST /api/payments/{paymentId}/confirm") String paymentId,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "PENDING_CONFIRMATION") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(format = "uuid", description = "The reward tier, if one was chosen") String rewardId,
            @Schema(requiredMode = RequiredMode.REQUIRED) ChallengeView challenge,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant expiresAt) {
    }

    @Schema(name = "PledgeChallenge", description = "What the backer's PIN confirms: this amount into this campaign")
    record ChallengeView(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^campagne/[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", maxLength = 49,
                    example = "campagne/cuvee") String payee,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 200,
                    example = "Pay 25.00 EUR to @campagne/cuvee") String text) {
    }

    @Schema(name = "PledgeCancelled", description = "A cancelled pledge, refunded from escrow at once")
    record Cancelled(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "CANCELLED") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView refunded) {
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
