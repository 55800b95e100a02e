package io.piaf.payments.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Fingerprints of idempotent requests: HMAC-SHA256 of the request's canonical form. Keyed, because a top-up's
 * fingerprint covers its card number and an unkeyed hash of a card number is easily reversed (PCI DSS 3.5.1.1).
 * The key is configured, or generated once and kept in {@code payments.secret} (first writer wins) for development.
 */
@Component
class Fingerprints {

    private final SecretKeySpec key;

    Fingerprints(DatabaseClient db, PaymentsProperties properties) {
        var configured = properties.fingerprintKey();
        Mono<String> base64 = configured != null && !configured.isBlank() ? Mono.just(configured)
                : db.sql("insert into payments.secret (name, value) values ('fingerprint-key', $1) on conflict (name) do nothing")
                        .bind(0, randomKey()).then()
                        .then(db.sql("select value from payments.secret where name = 'fingerprint-key'")
                                .map(r -> r.get(0, String.class)).one());
        // Read once at start-up, before requests, like identity's secrets.
        this.key = new SecretKeySpec(Base64.getDecoder().decode(base64.block()), "HmacSHA256");
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
