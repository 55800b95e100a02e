/**
 * Throttling: named token-bucket policies ({@code piaf.rate-limits.policies.<name>}) applied per key (an account, a
 * client address, a card), refused with 429 problem+json {@code rate_limited} and {@code Retry-After}.
 */
@org.springframework.modulith.NamedInterface("ratelimit")
package io.piaf.platform.ratelimit;
