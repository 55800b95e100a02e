package io.piaf.identity.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.piaf.identity.UserId;

/**
 * PIN hashes are HMAC-SHA256 under a secret pepper, salted with the user id. A 4–6 digit PIN has at most a million
 * values, so a slow hash would not stop an offline search (a million Argon2 runs take hours, not years) while it
 * would cost every payment confirmation tens of milliseconds of CPU. What protects a PIN is the key kept apart from
 * the data and the online limit of three tries. Plain Java, no framework.
 */
public final class PinHasher {

    private final SecretKeySpec key;

    public PinHasher(byte[] pepper) {
        this.key = new SecretKeySpec(pepper, "HmacSHA256");
    }

    public byte[] hash(UserId user, String pin) {
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

    /** Constant-time comparison. */
    public boolean matches(UserId user, String pin, byte[] expected) {
        return expected != null && MessageDigest.isEqual(hash(user, pin), expected);
    }
}
