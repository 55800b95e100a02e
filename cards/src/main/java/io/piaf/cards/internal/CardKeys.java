package io.piaf.cards.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import io.piaf.cards.internal.domain.CardVerification;
import io.piaf.platform.secrets.SecretFiles;
import io.piaf.platform.secrets.SecretStore;

/**
 * The card keys, from platform's {@link SecretStore} like every other secret: configured values win, else the owner-only
 * file of the secrets directory, generated in development only. Never in a table: a database dump must not carry the
 * key beside the ciphertext.
 */
@Component
class CardKeys {

    private final Map<String, byte[]> panKeys;
    private final String currentPanKeyId;
    private final byte[] verificationKey;
    private final String rotatedVerificationKeys;
    private final byte[] networkSecret;

    CardKeys(CardsProperties properties, SecretStore secrets) {
        var random = new SecureRandom();
        var ring = secrets.get("cards-pan-keys", properties.panKeys(), "PIAF_CARDS_PAN_KEYS", () -> "k1:" + fresh(random));
        panKeys = new LinkedHashMap<>();
        for (var entry : ring.split(",")) {
            var parts = entry.strip().split(":", 2);
            if (parts.length != 2 || Base64.getDecoder().decode(parts[1]).length != 32) {
                throw new IllegalStateException("piaf.cards.pan-keys is id:base64 of 32 bytes, comma-separated");
            }
            panKeys.put(parts[0], Base64.getDecoder().decode(parts[1]));
        }
        currentPanKeyId = panKeys.keySet().iterator().next();
        verificationKey = Base64.getDecoder().decode(secrets.get("cards-verification-key", properties.verificationKey(),
                "PIAF_CARDS_VERIFICATION_KEY", () -> fresh(random)));
        // Optional: none before the first rotation, so it is never generated (and production does not require it).
        rotatedVerificationKeys = properties.verificationKeys() != null && !properties.verificationKeys().isBlank()
                ? properties.verificationKeys()
                : SecretFiles.read(secrets.dir(), "cards-verification-keys").orElse("");
        networkSecret = secrets.get("cards-network-secret", properties.networkSecret(), "PIAF_CARDS_NETWORK_SECRET",
                () -> fresh(random)).getBytes(StandardCharsets.UTF_8);
    }

    Map<String, byte[]> panKeys() {
        return panKeys;
    }

    String currentPanKeyId() {
        return currentPanKeyId;
    }

    byte[] verificationKey() {
        return verificationKey.clone();
    }

    /** The card-verification keys that replaced {@link #verificationKey()} (key 1), newest first. */
    Map<String, byte[]> rotatedVerificationKeys() {
        return CardVerification.ring(rotatedVerificationKeys);
    }

    byte[] networkSecret() {
        return networkSecret.clone();
    }

    private static String fresh(SecureRandom random) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CardsProperties.class)
    static class CardsConfiguration {
    }
}
