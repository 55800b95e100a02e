package io.piaf.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link PiafTest} with low rate limits and card velocity rules, and client addresses taken from X-Forwarded-For as
 * behind a proxy: one context shared by the tests of throttling (RateLimitTests, ThrottledFuzzTests).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PiafTest
@TestPropertySource(properties = {
        "server.forward-headers-strategy=native",
        "piaf.rate-limits.policies.sign-up-per-address.capacity=3",
        "piaf.rate-limits.policies.sign-up-per-address.period=1h",
        "piaf.rate-limits.policies.token-per-address.capacity=4",
        "piaf.rate-limits.policies.token-per-address.period=1h",
        "piaf.rate-limits.policies.token-per-account.capacity=3",
        "piaf.rate-limits.policies.token-per-account.period=1h",
        "piaf.rate-limits.policies.refresh-per-address.capacity=4",
        "piaf.rate-limits.policies.refresh-per-address.period=1h",
        "piaf.rate-limits.policies.pin-per-account.capacity=4",
        "piaf.rate-limits.policies.pin-per-account.period=1h",
        "piaf.rate-limits.policies.top-up-per-account.capacity=4",
        "piaf.rate-limits.policies.top-up-per-account.period=1h",
        "piaf.payments.top-up-declines-per-day=3",
        "piaf.payments.card-declines-per-day=3",
        "piaf.payments.top-up-daily-cap=100.00" })
public @interface ThrottledPiafTest {
}
