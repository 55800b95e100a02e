package io.piaf.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.piaf.platform.secrets.SecretStore;

/**
 * Fingerprints of idempotent requests: HMAC-SHA256 of the request's canonical form. Keyed, because a top-up's
 * fingerprint covers its card number and an unkeyed hash of a card number is easily reversed (PCI DSS 3.5.1.1).
 * The key is configured, or read from the secret file {@code fingerprint-key}, or generated there in development;
 * never kept in the database next to the fingerprints it protects.
 */
@Component
class Fingerprints {

    private final SecretKeySpec key;

    Fingerprints(SecretStore secrets, PaymentsProperties properties) {
        var base64 = secrets.get("fingerprint-key", properties.fingerprintKey(), "PIAF_PAYMENTS_FINGERPRINT_KEY", Fingerprints::randomKey);
        this.key = new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256");
    }
    /** The fingerprint of {@code parts}, joined unambiguously (each part is length-prefixed). */
    byte[] of(String... parts) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (var part : parts) {
                var bytes = (part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8);
                mac.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                mac.update(bytes);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
