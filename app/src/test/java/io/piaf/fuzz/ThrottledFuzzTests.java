package io.piaf.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.piaf.testing.ThrottledPiafTest;

/**
 * The bad-input fuzzer against the rate limits and card velocity rules: with low limits the same hostile requests
 * run into them, and a refusal for rate must still be a 429 problem+json with a code and a Retry-After, and write
 * nothing (the checks of {@link BadInputFuzzTests}).
 */
@ThrottledPiafTest
class ThrottledFuzzTests extends BadInputFuzzTests {

    @Override
    int budget() {
        return Integer.getInteger("fuzz.throttled.requests", 400);
    }

    @Override
    void checkStatuses(Map<String, Integer> statuses) {
        assertThat(statuses).as("the limits were met").containsKey("429");
    }
}
