package io.piaf.crypto.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key-encryption keys (KEK) of custodial keys, by id. The current one comes from configuration
 * ({@code piaf.crypto.key-encryption-key}, from a secret store) or, in development, from the owner-only file
 * {@code <secrets-dir>/crypto-kek}, generated once (first writer wins, as identity's secrets on the hardening branch).
 * Older keys listed in {@code previous-keys} still decrypt, so a new key can take over: accounts are re-encrypted
 * under the current one at start.
 */
final class KeyEncryptionKeys {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeys.class);
    static final String FILE = "crypto-kek";

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private KeyEncryptionKeys(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    static KeyEncryptionKeys load(CryptoProperties properties) {
        var keys = new LinkedHashMap<String, SecretKey>();
        String currentId;
        if (properties.keyEncryptionKey() != null && !properties.keyEncryptionKey().isBlank()) {
            currentId = properties.keyId();
            keys.put(currentId, aes(Base64.getDecoder().decode(properties.keyEncryptionKey().strip())));
        } else {
            var bytes = Base64.getDecoder().decode(fromFile(properties.secretsDir()));
            currentId = "file-" + HexFormat.of().formatHex(sha256(bytes), 0, 4);
            keys.put(currentId, aes(bytes));
        }
        if (properties.previousKeys() != null && !properties.previousKeys().isBlank()) {
            for (var entry : properties.previousKeys().split(",")) {
                var parts = entry.strip().split(":", 2);
                keys.putIfAbsent(parts[0], aes(Base64.getDecoder().decode(parts[1])));
            }
        }
        return new KeyEncryptionKeys(currentId, keys);
    }

    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    SecretKey byId(String id) {
        var key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("No key-encryption key " + id + " is configured (piaf.crypto.previous-keys)");
        }
        return key;
    }

    private static String fromFile(Path dir) {
        var file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                var random = new byte[32];
                new SecureRandom().nextBytes(random);
                var temporary = Files.createTempFile(dir, "." + FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(temporary, Base64.getEncoder().encodeToString(random) + "\n");
                    Files.createLink(file, temporary); // never replaces: the first of two starting instances wins
                    log.info("Generated the custodial key-encryption key in {} (owner-only); set "
                            + "PIAF_CRYPTO_KEY_ENCRYPTION_KEY from a secret store in production", file.toAbsolutePath());
                } catch (FileAlreadyExistsException e) {
                    // another process was first
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            var permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    || permissions.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)) {
                log.warn("The key-encryption key file {} can be read by other users: chmod 600 it", file.toAbsolutePath());
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the key-encryption key " + file, e);
        }
    }

    private static SecretKey aes(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalStateException("A key-encryption key is 32 bytes (AES-256), base64-encoded");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
