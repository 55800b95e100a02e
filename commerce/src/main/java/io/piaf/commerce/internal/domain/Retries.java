package io.piaf.commerce.internal.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a webhook again: exponential backoff from 5 s, doubling, capped at 6 h, with full jitter on the upper
 * half (so endpoints that failed together do not all come back together); after 3 days of failures it fails for good.
 */
public final class Retries {

    public static final Duration FIRST = Duration.ofSeconds(5);
    public static final Duration CAP = Duration.ofHours(6);
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(3);

    private Retries() {
    }

    /** The wait after the {@code attempts}th failed attempt (1-based), or null when the delivery should stop. */
    public static Duration next(int attempts, Duration sinceFirstAttempt, RandomGenerator random) {
        if (sinceFirstAttempt.compareTo(GIVE_UP_AFTER) >= 0) {
            return null;
        }
        var shift = Math.min(attempts - 1, 20);
        var ceiling = Math.min(FIRST.toMillis() << shift, CAP.toMillis());
        var half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(half + 1));
    }

    /** A 2xx answer is a delivery; anything else (3xx included: redirects are not followed) is a failure. */
    public static boolean delivered(int status) {
        return status >= 200 && status < 300;
    }
}
