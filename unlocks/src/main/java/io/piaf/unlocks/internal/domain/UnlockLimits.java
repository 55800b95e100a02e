package io.piaf.unlocks.internal.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Abuse limits on unlocking, so that fresh throw-away accounts and scripted bursts cannot farm content or inflate a
 * creator's reach: an account must be at least {@code minimumAccountAge} old, and a user unlocks at most
 * {@code perHour} items in any hour (revoked unlocks count: deleting the post does not give the attempt back).
 */
public record UnlockLimits(Duration minimumAccountAge, int perHour) {

    /** What is known of the user when they ask to unlock. */
    public record Attempt(Instant accountCreatedAt, int unlocksInLastHour, Instant oldestInLastHour) {
    }

    public Optional<Refusal> check(Attempt attempt, Instant now) {
        var oldEnoughAt = attempt.accountCreatedAt().plus(minimumAccountAge);
        if (now.isBefore(oldEnoughAt)) {
            var wait = seconds(Duration.between(now, oldEnoughAt));
            return Optional.of(new Refusal(422, "account_too_new", "Accounts unlock content once they are "
                    + minimumAccountAge.toMinutes() + " min old (" + minimumAccountAge.toSeconds() + " s): try again in " + wait + " s.",
                    Map.of("retryAfter", wait)));
        }
        if (attempt.unlocksInLastHour() >= perHour) {
            var freeAt = attempt.oldestInLastHour() == null ? now.plus(Duration.ofHours(1)) : attempt.oldestInLastHour().plus(Duration.ofHours(1));
            var wait = seconds(Duration.between(now, freeAt));
            return Optional.of(new Refusal(429, "too_many_unlocks", "At most " + perHour + " unlocks an hour: try again in " + wait + " s.",
                    Map.of("retryAfter", wait)));
        }
        return Optional.empty();
    }

    /** Rounded up, at least 1: a client that waits that long is let through. */
    private static long seconds(Duration d) {
        var s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
