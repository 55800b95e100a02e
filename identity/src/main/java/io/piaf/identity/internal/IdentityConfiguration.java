package io.piaf.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;


import io.piaf.identity.internal.domain.PinHasher;
import io.piaf.platform.secrets.SecretStore;
import reactor.core.publisher.Flux;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IdentityProperties.class, CharitiesProperties.class })
class IdentityConfiguration {

    static final String SIGNING_KEYS = "jwt-signing-keys";
    static final String PIN_PEPPERS = "pin-peppers";

    /**
     * Loaded once at start-up, before the server takes requests: from configuration, or the secret files (see
     * {@link SecretStore}); never from the database, so that a dump of it can neither forge tokens nor test PINs.
     */
    @Bean
    KeyRing keyRing(SecretStore secrets, IdentityProperties properties) {
        var keys = secrets.get(SIGNING_KEYS, firstSet(properties.signingKeys(), properties.signingKey()),
                "PIAF_IDENTITY_SIGNING_KEYS", KeyRing::generateKeys);
        var peppers = secrets.get(PIN_PEPPERS, firstSet(properties.pinPeppers(), properties.pinPepper()),
                "PIAF_IDENTITY_PIN_PEPPERS", IdentityConfiguration::generatePepper);
        return new KeyRing(KeyRing.parseKeys(keys), PinHasher.parse(peppers));
    }

    /**
     * Verifies Piaf tokens for the resource server: RS256 with one of Piaf's keys still accepted, chosen by the
     * token's {@code kid} (so {@code alg=none}, foreign keys and retired keys fail); an {@code exp} is required
     * (Spring checks it only when present), and expiry and {@code nbf} are checked with the stated clock skew. The
     * issuer stays a string: Spring's default turns it into a {@code java.net.URL}, and for a {@code urn:} issuer
     * that costs four exceptions with stack traces on every request. A token with an {@code aud} (a client's) must name
     * Piaf's API. Verified tokens are remembered for a while
     * ({@link VerifiedTokenCache}).
     */
    @Bean
    ReactiveJwtDecoder piafJwtDecoder(KeyRing keys, IdentityProperties properties) {
        var decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> Flux.fromIterable(keys.acceptedPublicKeys())
                        .filter(key -> Objects.equals(key.getKeyID(), jwt.getHeader().getKeyID())))
                .jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                .build();
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.<String, Converter<Object, ?>>of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        var validator = new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                // Tokens made for another audience are refused; user tokens name none (they only serve Piaf's API).
                new JwtClaimValidator<java.util.List<String>>(JwtClaimNames.AUD,
                        audience -> audience == null || audience.contains(properties.audience())));
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, 4096, Duration.ofMinutes(5));
    }

    private static String firstSet(String preferred, String legacy) {
        return preferred != null && !preferred.isBlank() ? preferred : legacy;
    }

    private static String generatePepper() {
        var bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return "1:" + Base64.getEncoder().encodeToString(bytes);
    }
}
