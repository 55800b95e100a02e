package io.piaf.cards.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The card keys: configured values win; otherwise each is generated once into an owner-only file (0600 in a 0700
 * directory) of the secrets directory, as identity's secrets are kept, so every restart and every instance sharing
 * the directory use the same keys. Never in a table: a database dump must not carry the key beside the ciphertext.
 */
@Component
class CardKeys {

    private static final Logger log = LoggerFactory.getLogger(CardKeys.class);

    private final Map<String, byte[]> panKeys;
    private final String currentPanKeyId;
    private final byte[] verificationKey;
    private final byte[] networkSecret;

    CardKeys(CardsProperties properties,
            @Value("${piaf.secrets.dir:${PIAF_SECRETS_DIR:${PIAF_DATA_DIR:data}/secrets}}") Path dir) {
        var random = new SecureRandom();
        var ring = secret(properties.panKeys(), dir, "cards-pan-keys", () -> "k1:" + fresh(random));
        panKeys = new LinkedHashMap<>();
        for (var entry : ring.split(",")) {
            var parts = entry.strip().split(":", 2);
            if (parts.length != 2 || Base64.getDecoder().decode(parts[1]).length != 32) {
                throw new IllegalStateException("piaf.cards.pan-keys is id:base64 of 32 bytes, comma-separated");
            }
            panKeys.put(parts[0], Base64.getDecoder().decode(parts[1]));
        }
        currentPanKeyId = panKeys.keySet().iterator().next();
        verificationKey = Base64.getDecoder().decode(secret(properties.verificationKey(), dir, "cards-verification-key", () -> fresh(random)));
        networkSecret = secret(properties.networkSecret(), dir, "cards-network-secret", () -> fresh(random)).getBytes(StandardCharsets.UTF_8);
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

    byte[] networkSecret() {
        return networkSecret.clone();
    }

    private static String fresh(SecureRandom random) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String secret(String configured, Path dir, String name, java.util.function.Supplier<String> generator) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        var file = dir.resolve(name);
        try {
            if (!Files.exists(file)) {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir.toAbsolutePath().getParent());
                    try {
                        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } catch (FileAlreadyExistsException e) {
                        // another instance made it
                    }
                }
                var temporary = Files.createTempFile(dir, "." + name, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temporary, generator.get() + "\n");
                    // a link never replaces a file: two instances starting together agree on the first one's key
                    Files.createLink(file, temporary);
                    log.info("Card secret '{}' generated into {} (development: production configures it)", name, file.toAbsolutePath());
                } catch (FileAlreadyExistsException e) {
                    // another instance was first
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the card secret " + file, e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CardsProperties.class)
    static class CardsConfiguration {
    }
}
