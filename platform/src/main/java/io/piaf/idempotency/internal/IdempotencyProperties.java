package io.piaf.idempotency.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.idempotency.*}.
 *
 * @param retention how long a key and its response are kept; after it the key starts a new life
 * @param duplicateWait how long a duplicate waits for the first request to finish before a 409
 * @param lease how long a request in flight holds its key; after it, a crashed request's key may be taken over
 * @param purgeInterval how often keys past their retention are deleted
 * @param fingerprintKey base64 HMAC key of request fingerprints; else the secret file {@code fingerprint-key} that payments reads too (SecretStore), generated in development
 */
@ConfigurationProperties("piaf.idempotency")
record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("10s") Duration duplicateWait,
        @DefaultValue("1m") Duration lease,
        @DefaultValue("1m") Duration purgeInterval,
        String fingerprintKey) {
}
