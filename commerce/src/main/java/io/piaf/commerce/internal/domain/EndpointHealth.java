package io.piaf.commerce.internal.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When an endpoint that keeps failing is disabled: it has failed every attempt for {@link #FAILING_FOR} (the retry
 * window of one delivery: its first events have then failed for good) and at least {@link #MIN_FAILURES} times in a
 * row. One delivered attempt ends the streak. A disabled endpoint gets no new deliveries until the merchant enables
 * it again; its pending ones wait.
 */
public final class EndpointHealth {

    public static final Duration FAILING_FOR = Retries.GIVE_UP_AFTER;
    public static final int MIN_FAILURES = 10;

    private EndpointHealth() {
    }

    public static boolean disable(int consecutiveFailures, Instant failingSince, Instant now) {
        return failingSince != null && consecutiveFailures >= MIN_FAILURES
                && Duration.between(failingSince, now).compareTo(FAILING_FOR) >= 0;
    }
}
