package io.piaf.identity.internal;

import java.time.Duration;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import reactor.core.publisher.Mono;

/**
 * Remembers tokens whose signature was verified, so that the many requests of one session verify RS256 and parse
 * the JSON once (measured: the largest cost of the resource server per request). Only the exact same token text
 * hits; a hit is validated again (expiry, issuer) before it is used, and an entry lives at most {@code ttl}, so that
 * a signing key taken out of service stops being honoured soon after.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int size, Duration ttl) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        var known = verified.getIfPresent(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
                return Mono.just(known);
            }
            verified.invalidate(token); // expired meanwhile: the full decode reports it as usual
        }
        return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}
