package io.piaf.identity.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client ids and secrets. A secret is 256 random bits ({@code sk_} and 43 base64url characters); only its SHA-256 is
 * stored: no dictionary or rainbow table holds a random 256-bit value, so a slow hash (Argon2, for passwords people
 * choose) would only cost CPU at every token request.
 */
public final class ClientSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private ClientSecrets() {
    }

    public static String newClientId() {
        var id = new StringBuilder("cl_");
        for (var i = 0; i < 26; i++) {
            id.append(BASE32[RANDOM.nextInt(32)]);
        }
        return id.toString();
    }

    public static String newSecret() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What an owner is shown of a secret: its last four characters. */
    public static String hint(String secret) {
        return "…" + secret.substring(secret.length() - 4);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
