package io.piaf.identity.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.piaf.identity.UserId;

/**
 * PIN hashes are HMAC-SHA256 under a secret pepper, salted with the user id. A 4–6 digit PIN has at most a million
 * values, so a slow hash would not stop an offline search (a million Argon2 runs take hours, not years) while it
 * would cost every payment confirmation tens of milliseconds of CPU. What protects a PIN is the key kept apart from
 * the data and the online limit of three tries.
 *
 * <p>Peppers are versioned so that one can be rotated: a hash records the version it was made with, the newest
 * version hashes new PINs, older ones still verify until their hashes are re-made ({@link #isCurrent}). Plain Java.
 */
public final class PinHasher {

    public record PinHash(int pepperVersion, byte[] hash) {
    }

    private final TreeMap<Integer, SecretKeySpec> peppers = new TreeMap<>();

    public PinHasher(Map<Integer, byte[]> peppers) {
        if (peppers.isEmpty()) {
            throw new IllegalArgumentException("At least one PIN pepper is needed");
        }
        peppers.forEach((version, pepper) -> {
            if (pepper.length < 16) {
                throw new IllegalArgumentException("PIN pepper version " + version + " is shorter than 16 bytes");
            }
            this.peppers.put(version, new SecretKeySpec(pepper, "HmacSHA256"));
        });
    }

    /** One pepper, version 1. */
    public PinHasher(byte[] pepper) {
        this(Map.of(1, pepper));
    }

    /**
     * Parses {@code version:base64} entries, one per line or separated by commas; a bare base64 value is version 1 (the
     * format of a single pepper before versions existed).
     */
    public static PinHasher parse(String text) {
        var peppers = new TreeMap<Integer, byte[]>();
        for (var entry : text.strip().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            var colon = entry.indexOf(':');
            try {
                var version = colon < 0 ? 1 : Integer.parseInt(entry.substring(0, colon));
                peppers.put(version, Base64.getDecoder().decode(entry.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("A PIN pepper is written version:base64 (e.g. 2:q83v...), one per line");
            }
        }
        return new PinHasher(peppers);
    }

    public int currentVersion() {
        return peppers.lastKey();
    }

    public PinHash hash(UserId user, String pin) {
        var version = currentVersion();
        return new PinHash(version, hash(peppers.get(version), user, pin));
    }

    /** Constant-time comparison; false when the hash's pepper version is no longer known. */
    public boolean matches(UserId user, String pin, int pepperVersion, byte[] expected) {
        var pepper = peppers.get(pepperVersion);
        return expected != null && pepper != null && MessageDigest.isEqual(hash(pepper, user, pin), expected);
    }

    public boolean isCurrent(int pepperVersion) {
        return pepperVersion == currentVersion();
    }

    private static byte[] hash(SecretKeySpec key, UserId user, String pin) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.value().toString().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) ':');
            return mac.doFinal(pin.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
