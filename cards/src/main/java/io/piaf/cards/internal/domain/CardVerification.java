package io.piaf.cards.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card verification value, derived and never stored (PCI DSS 4.0.1 §3.3.1.2): a function of the PAN, the expiry
 * and a card-verification key (CVK), computed when a card is revealed or an authorization is checked. Issuers use 3DES
 * under a CVK pair (the Visa CVV algorithm); Piaf uses HMAC-SHA256 under a 256-bit key and decimalizes the MAC, which
 * is as unpredictable without the key and needs nothing beyond the JDK.
 * <p>
 * CVKs rotate as issuers rotate them: each card names the key it was issued under ({@code cvk_id}), new cards take the
 * newest key and a card keeps its printed CVV until it expires, so an old key stays in the ring until the last card
 * under it has expired. Key {@value #FIRST_KEY_ID} is the original key, which also derives the PAN lookup hash (under a
 * separate label): that hash finds a card from a network message before its key is known, so it never rotates.
 */
public final class CardVerification {

    /** The id of the original card-verification key, which the cards issued before rotation existed carry. */
    public static final String FIRST_KEY_ID = "1";

    private final Map<String, byte[]> cvvKeys;
    private final String currentKeyId;
    private final byte[] lookupKey;

    /** A single key, {@value #FIRST_KEY_ID}: no rotation yet. */
    public CardVerification(byte[] cardVerificationKey) {
        this(cardVerificationKey, Map.of());
    }

    /**
     * @param firstKey key {@value #FIRST_KEY_ID}, the root of the PAN lookup hash
     * @param newerKeys rotated keys by id, newest first (the one new cards take); empty before any rotation
     */
    public CardVerification(byte[] firstKey, Map<String, byte[]> newerKeys) {
        var keys = new LinkedHashMap<String, byte[]>();
        newerKeys.forEach((id, key) -> {
            if (id.equals(FIRST_KEY_ID) || !id.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalArgumentException("A rotated card-verification key's id is 1-16 letters, digits, _ or -, "
                        + "and not " + FIRST_KEY_ID + " (the original key): " + id);
            }
            keys.put(id, derived(key, "piaf-cvv-v1"));
        });
        keys.put(FIRST_KEY_ID, derived(firstKey, "piaf-cvv-v1"));
        this.cvvKeys = Collections.unmodifiableMap(keys);
        this.currentKeyId = keys.keySet().iterator().next();
        this.lookupKey = derived(firstKey, "piaf-pan-lookup-v1");
    }

    /** Parses {@code id:base64,id:base64} (newest first), the form of {@code piaf.cards.verification-keys}. */
    public static Map<String, byte[]> ring(String configured) {
        var keys = new LinkedHashMap<String, byte[]>();
        if (configured == null || configured.isBlank()) {
            return keys;
        }
        for (var entry : configured.split(",")) {
            var parts = entry.strip().split(":", 2);
            byte[] key;
            try {
                key = parts.length == 2 ? Base64.getDecoder().decode(parts[1].strip()) : null;
            } catch (IllegalArgumentException e) {
                key = null;
            }
            if (key == null || keys.put(parts[0].strip(), key) != null) {
                throw new IllegalArgumentException("piaf.cards.verification-keys is id:base64, comma-separated, each id once");
            }
        }
        return keys;
    }

    /** The key new cards are issued under. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** The three-digit CVV of this PAN and expiry under the card's key. */
    public String cvv(Pan pan, int expMonth, int expYear, String keyId) {
        var key = cvvKeys.get(keyId);
        if (key == null) {
            // a configuration error, not bad input: a key was removed while cards under it are still valid
            throw new IllegalStateException("No card-verification key with id " + keyId + " (piaf.cards.verification-keys)");
        }
        var mac = mac(key, (pan.digits() + "|" + expYear + "|" + expMonth).getBytes(StandardCharsets.UTF_8));
        var value = ((mac[0] & 0xff) << 16 | (mac[1] & 0xff) << 8 | (mac[2] & 0xff)) % 1000;
        return String.format("%03d", value);
    }

    /** Whether {@code given} is this card's CVV; constant-time, so a timing cannot tell how many digits matched. */
    public boolean matches(Pan pan, int expMonth, int expYear, String keyId, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(cvv(pan, expMonth, expYear, keyId).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    /** A keyed hash of the PAN: how a card is found from a network message without decrypting every card. */
    public byte[] lookup(Pan pan) {
        return mac(lookupKey, pan.digits().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] derived(byte[] key, String label) {
        if (key.length < 32) {
            throw new IllegalArgumentException("A card-verification key has at least 256 bits");
        }
        return mac(key, label.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
