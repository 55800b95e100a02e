package io.piaf.identity.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.piaf.identity.internal.domain.PinHasher;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IdentityProperties.class, CharitiesProperties.class })
class IdentityConfiguration {

    /** Loaded once at start-up, before the server takes requests. */
    @Bean
    KeyRing keyRing(Secrets secrets) {
        var key = secrets.signingKey().block();
        var pepper = secrets.pinPepper().block();
        return new KeyRing(key, new PinHasher(pepper));
    }

    /**
     * Verifies Piaf tokens for the resource server: RS256 with Piaf's key only (so {@code alg=none} and foreign keys
     * fail), and the default checks of expiry and issuer. The issuer stays a string: Spring's default turns it into
     * a {@code java.net.URL}, and for a {@code urn:} issuer that costs four exceptions with stack traces on every
     * request (measured: the largest cost of a GET after the SQL). Verified tokens are remembered for a while
     * ({@link VerifiedTokenCache}).
     */
    @Bean
    ReactiveJwtDecoder piafJwtDecoder(KeyRing keys, IdentityProperties properties) {
        var decoder = NimbusReactiveJwtDecoder.withPublicKey(keys.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.<String, Converter<Object, ?>>of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        var validator = new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer()));
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, 4096, Duration.ofMinutes(5));
    }
}
