package io.piaf.cards.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card network's message signature: {@code v1=hex(HMAC-SHA256(secret, timestamp + "." + body))} with the
 * timestamp in unix seconds, as Stripe signs its webhooks. A message is accepted only when the signature matches
 * (constant-time) and its timestamp is within the replay window of now; a replay inside the window is caught by the
 * message id, which the issuer answers once.
 */
public final class NetworkSignature {

    public enum Verdict {
        VALID, MISSING, MALFORMED, STALE, MISMATCH
    }

    private NetworkSignature() {
    }

    public static String sign(byte[] secret, long timestamp, byte[] body) {
        return "v1=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    public static Verdict verify(byte[] secret, String timestamp, String signature, byte[] body, Instant now, Duration window) {
        if (timestamp == null || signature == null) {
            return Verdict.MISSING;
        }
        long seconds;
        byte[] given;
        try {
            seconds = Long.parseLong(timestamp.strip());
            if (!signature.startsWith("v1=") || signature.length() != 3 + 64) {
                return Verdict.MALFORMED;
            }
            given = HexFormat.of().parseHex(signature.substring(3));
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
            return Verdict.STALE;
        }
        return MessageDigest.isEqual(mac(secret, seconds, body), given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    private static byte[] mac(byte[] secret, long timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
