package io.piaf.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.identity.*}.
 *
 * @param issuer the {@code iss} of Piaf tokens
 * @param tokenTtl lifetime of an access token
 * @param pinAttempts wrong PINs in a row that lock the PIN
 * @param pinLock how long a locked PIN stays locked
 * @param signingKey an RSA private JWK (JSON) to sign with; when absent one is generated once and kept in the database
 * @param pinPepper base64 secret that keys PIN hashes; when absent one is generated once and kept in the database.
 *        Production sets both from a secret store so that a database dump alone reveals neither.
 */
@ConfigurationProperties("piaf.identity")
record IdentityProperties(
        @DefaultValue("urn:piaf") String issuer,
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("3") int pinAttempts,
        @DefaultValue("15m") Duration pinLock,
        String signingKey,
        String pinPepper) {
}
