package io.piaf.platform.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.piaf.common.ProblemException;

/**
 * Token buckets (Bucket4j) per policy and key, kept in memory (Caffeine) while a key is active. A policy of
 * {@code capacity} per {@code period} allows a burst of {@code capacity} and refills it evenly over the period. In
 * memory means per instance: N instances allow N times the limit, which still bounds an attacker (the limits are
 * set so that a person never meets them). An unconfigured policy does not limit.
 */
@Component
public class RateLimits {

    /**
     * {@code piaf.rate-limits.*}.
     *
     * @param enabled false turns every limit off (benchmarks that create thousands of users from one address)
     * @param policies by name, e.g. {@code token-per-address}
     */
    @ConfigurationProperties("piaf.rate-limits")
    public record Properties(@DefaultValue("true") boolean enabled, Map<String, Policy> policies) {
    }

    public record Policy(int capacity, Duration period) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Properties.class)
    static class RateLimitsConfiguration {
    }

    private final Properties properties;
    private final Cache<String, Bucket> buckets;
    private final MeterRegistry meters;

    RateLimits(Properties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        var longest = properties.policies() == null ? Duration.ofHours(1) : properties.policies().values().stream()
                .map(Policy::period).max(Duration::compareTo).orElse(Duration.ofHours(1));
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(longest).build();
    }

    /** Takes one token of {@code policy} for {@code key}, or throws 429 {@code rate_limited} with the wait. */
    public void acquire(String policy, String key) {
        var limit = policyOf(policy);
        if (limit == null || key == null) {
            return;
        }
        var bucket = buckets.get(policy + '|' + key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            meters.counter("piaf.rate_limit.refused", "policy", policy).increment();
            throw refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** The problem of a refusal: 429 {@code rate_limited}; the web edge turns {@code retryAfter} into Retry-After. */
    public static ProblemException refused(Duration wait) {
        var seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ProblemException(429, "rate_limited", "Too many requests: try again in " + seconds + " s.",
                Map.of("retryAfter", seconds));
    }

    private Policy policyOf(String name) {
        if (!properties.enabled() || properties.policies() == null) {
            return null;
        }
        var policy = properties.policies().get(name);
        return policy == null || policy.capacity() <= 0 || policy.period() == null ? null : policy;
    }
}
