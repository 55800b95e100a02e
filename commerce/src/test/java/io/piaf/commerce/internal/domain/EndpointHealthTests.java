package io.piaf.commerce.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointHealthTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @ParameterizedTest(name = "{0} failures in a row for {1} h: disabled {2}")
    @CsvSource({
            "0, , false",           // healthy: no streak
            "50, 71, false",        // many failures, but not yet for 3 days
            "9, 200, false",        // failing for long, but only a few attempts (a quiet merchant)
            "10, 72, true",
            "30, 100, true",
    })
    void an_endpoint_is_disabled_after_failing_every_attempt_for_three_days(int failures, Integer hours, boolean disabled) {
        var since = hours == null ? null : NOW.minus(Duration.ofHours(hours));
        assertThat(EndpointHealth.disable(failures, since, NOW)).isEqualTo(disabled);
    }
}
