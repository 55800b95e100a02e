package io.piaf.campaigns.internal.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** All-or-nothing: what a campaign accepts before its deadline, and what its deadline decides. */
public final class CampaignRules {

    public record Refusal(int status, String code, String detail) {
    }

    /** A reward tier as asked for; {@code quantity} null for unlimited. */
    public record Tier(String title, long minimum, Integer quantity) {
    }

    /** What the deadline decides: the creator gets {@code payout}, the platform {@code fee}; or everyone is refunded. */
    public record Outcome(boolean succeeded, long pledged, long fee, long payout) {
    }

    private CampaignRules() {
    }

    public static Optional<Refusal> launch(String title, String description, long goal, Instant deadline, List<Tier> tiers,
            Instant now, Duration minimumDuration) {
        if (title == null || title.isBlank() || title.strip().length() > 80) {
            return refuse(400, "invalid_title", "A campaign's title is 1 to 80 characters.");
        }
        if (description == null || description.isBlank() || description.length() > 2000) {
            return refuse(400, "invalid_description", "A campaign has a description of at most 2000 characters.");
        }
        if (goal <= 0) {
            return refuse(400, "invalid_amount", "A goal is greater than zero.");
        }
        if (deadline == null || deadline.isBefore(now.plus(minimumDuration))) {
            return refuse(400, "invalid_deadline", "The deadline is at least " + minimumDuration.toSeconds() + " s from now.");
        }
        if (deadline.isAfter(now.plus(Duration.ofDays(366)))) {
            return refuse(400, "invalid_deadline", "The deadline is within a year.");
        }
        if (tiers.size() > 20) {
            return refuse(400, "invalid_rewards", "A campaign has at most 20 reward tiers.");
        }
        for (var tier : tiers) {
            if (tier.title() == null || tier.title().isBlank() || tier.title().strip().length() > 80) {
                return refuse(400, "invalid_rewards", "A reward's title is 1 to 80 characters.");
            }
            if (tier.minimum() <= 0) {
                return refuse(400, "invalid_rewards", "A reward's minimum is greater than zero.");
            }
            if (tier.quantity() != null && tier.quantity() <= 0) {
                return refuse(400, "invalid_rewards", "A reward's quantity is greater than zero, or absent for unlimited.");
            }
        }
        return Optional.empty();
    }

    /** A pledge is taken while the campaign is live and before its deadline, at least at its reward's minimum. */
    public static Optional<Refusal> pledge(boolean live, Instant deadline, Instant now, long amount, Long rewardMinimum) {
        if (!live || !now.isBefore(deadline)) {
            return refuse(409, "campaign_closed", "This campaign's deadline passed: it takes no more pledges.");
        }
        if (rewardMinimum != null && amount < rewardMinimum) {
            return refuse(422, "below_reward_minimum", "This reward needs a pledge of at least " + cents(rewardMinimum) + " EUR.");
        }
        return Optional.empty();
    }

    /** A backer takes back a confirmed pledge before the deadline. */
    public static Optional<Refusal> cancellation(boolean live, Instant deadline, Instant now, String pledgeStatus) {
        if (!live || !now.isBefore(deadline)) {
            return refuse(409, "campaign_closed", "This campaign's deadline passed: its pledges are settled.");
        }
        return switch (pledgeStatus) {
            case "COMPLETED" -> Optional.empty();
            case "PENDING" -> refuse(409, "pledge_pending", "This pledge waits for its PIN: cancel its payment instead.");
            default -> refuse(409, "pledge_not_active", "This pledge is " + pledgeStatus + ".");
        };
    }

    public static Outcome outcome(long pledged, long goal, int feeBasisPoints) {
        if (pledged < goal) {
            return new Outcome(false, pledged, 0, 0);
        }
        var fee = fee(pledged, feeBasisPoints);
        return new Outcome(true, pledged, fee, pledged - fee);
    }

    /** The platform's fee, rounded down to the cent (the creator never gets less than the rate says). */
    public static long fee(long pledged, int feeBasisPoints) {
        return Math.multiplyExact(pledged, (long) feeBasisPoints) / 10_000;
    }

    private static String cents(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static Optional<Refusal> refuse(int status, String code, String detail) {
        return Optional.of(new Refusal(status, code, detail));
    }
}
