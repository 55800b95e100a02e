package io.piaf.unlocks.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expiring signed links to an item's content, like an object store's pre-signed URLs: the link itself is the
 * credential (it opens in a browser, no token), bound to the item, the unlocker and the expiry by an HMAC-SHA256 that
 * only Piaf can make. Who may still use it (an unlock revoked since) is the caller's check.
 */
public final class ContentLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final Duration ttl;

    public ContentLinks(byte[] key, Duration ttl) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The content-link key is at least 256 bits");
        }
        this.key = key.clone();
        this.ttl = ttl;
    }

    public record Link(String path, Instant expiresAt) {
    }

    public sealed interface Verdict {
    }

    public record Valid(UUID user) implements Verdict {
    }

    /** Not made by Piaf (or made for another item, user or expiry). */
    public record Forged() implements Verdict {
    }

    public record Expired(Instant at) implements Verdict {
    }

    public Link sign(UUID item, UUID user, Instant now) {
        var expires = now.plus(ttl).getEpochSecond();
        return new Link("/api/unlockables/" + item + "/content?u=" + user + "&expires=" + expires + "&sig="
                + signature(item, user.toString(), Long.toString(expires)), Instant.ofEpochSecond(expires));
    }

    /** The signature first: a forged link is forged whatever its expiry says. */
    public Verdict verify(UUID item, String user, String expires, String sig, Instant now) {
        if (user == null || expires == null || sig == null || user.length() > 36 || expires.length() > 19 || sig.length() > 64) {
            return new Forged();
        }
        var expected = signature(item, user, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
            return new Forged();
        }
        UUID userId;
        long at;
        try {
            userId = UUID.fromString(user);
            at = Long.parseLong(expires);
        } catch (IllegalArgumentException e) {
            return new Forged();
        }
        if (now.getEpochSecond() >= at) {
            return new Expired(Instant.ofEpochSecond(at));
        }
        return new Valid(userId);
    }

    private String signature(UUID item, String user, String expires) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(("v1|" + item + "|" + user + "|" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
