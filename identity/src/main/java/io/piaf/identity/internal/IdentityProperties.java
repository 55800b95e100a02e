package io.piaf.identity.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.identity.*}.
 *
 * @param issuer the {@code iss} of Piaf tokens
 * @param tokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token (each use gives a new one with a new lifetime, up to
 *        {@code sessionMaxAge} after sign-in)
 * @param sessionMaxAge how long a signed-in session may be refreshed before the password is asked again
 * @param clockSkew how far a token's {@code exp} and {@code nbf} may be off the server's clock
 * @param pinAttempts wrong PINs in a row that lock the PIN
 * @param pinLocks how long successive locks last: the first lock the first duration, the next one the next, the
 *        last one for every later lock (15 min, then 1 h, then 24 h); a right PIN ends the escalation
 * @param signingKeys a JWK set of private RSA keys to sign with (the newest {@code iat} signs, others verify until
 *        their {@code exp}); when absent, read from the secret file {@code jwt-signing-keys}
 * @param signingKey a single private RSA JWK, the older form of {@code signingKeys}
 * @param pinPeppers {@code version:base64} PIN peppers (the highest version hashes new PINs); when absent, read from
 *        the secret file {@code pin-peppers}
 * @param pinPepper a single base64 pepper (version 1), the older form of {@code pinPeppers}
 * @param reservedHandles handles nobody may take nor imitate (besides verified accounts'), e.g. {@code piaf}
 * @param audience the {@code aud} of client tokens: Piaf's API. A token that names an audience must name this one
 * @param clientTokenTtl lifetime of a client's token (client credentials grant): short, a client asks again
 * @param clientSecretOverlap how long the older secrets of a client keep working after a rotation
 * @param passwordHash the work of an Argon2id password hash
 */
@ConfigurationProperties("piaf.identity")
record IdentityProperties(
        @DefaultValue("urn:piaf") String issuer,
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("14d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration sessionMaxAge,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("3") int pinAttempts,
        @DefaultValue({ "15m", "1h", "24h" }) List<Duration> pinLocks,
        String signingKeys,
        String signingKey,
        String pinPeppers,
        String pinPepper,
        @DefaultValue({ "piaf", "admin", "support", "security", "help" }) List<String> reservedHandles,
        @DefaultValue("urn:piaf:api") String audience,
        @DefaultValue("15m") Duration clientTokenTtl,
        @DefaultValue("24h") Duration clientSecretOverlap,
        @DefaultValue PasswordHash passwordHash) {

    /**
     * {@code piaf.identity.password-hash.*}: Spring Security's 5.8 defaults (16 MiB, 2 passes). Only the test profile
     * lowers them: the suite signs up and signs in over a thousand users, and at tens to hundreds of milliseconds of
     * CPU each that was minutes of a two-core machine. A stored hash names its own parameters, so any hash verifies.
     *
     * @param memoryKib memory in KiB
     * @param iterations passes over it
     */
    record PasswordHash(@DefaultValue("16384") int memoryKib, @DefaultValue("2") int iterations) {
    }

    /** The length of the {@code n}th lock in a row (1-based). */
    Duration pinLock(int nth) {
        return pinLocks.get(Math.min(Math.max(nth, 1), pinLocks.size()) - 1);
    }
}
