package io.piaf.cards.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card verification value, derived and never stored (PCI DSS 4.0.1 §3.3.1.2): a function of the PAN, the expiry
 * and the card-verification key, computed when a card is revealed or an authorization is checked. Issuers use 3DES
 * under a CVK pair (the Visa CVV algorithm); Piaf uses HMAC-SHA256 under a 256-bit key and decimalizes the MAC, which
 * is as unpredictable without the key and needs nothing beyond the JDK. Also derives the PAN lookup hash under a key
 * separated from the CVV's.
 */
public final class CardVerification {

    private final byte[] cvvKey;
    private final byte[] lookupKey;

    public CardVerification(byte[] cardVerificationKey) {
        if (cardVerificationKey.length < 32) {
            throw new IllegalArgumentException("The card-verification key has at least 256 bits");
        }
        this.cvvKey = mac(cardVerificationKey, "piaf-cvv-v1".getBytes(StandardCharsets.UTF_8));
        this.lookupKey = mac(cardVerificationKey, "piaf-pan-lookup-v1".getBytes(StandardCharsets.UTF_8));
    }

    /** The three-digit CVV of this PAN and expiry. */
    public String cvv(Pan pan, int expMonth, int expYear) {
        var mac = mac(cvvKey, (pan.digits() + "|" + expYear + "|" + expMonth).getBytes(StandardCharsets.UTF_8));
        var value = ((mac[0] & 0xff) << 16 | (mac[1] & 0xff) << 8 | (mac[2] & 0xff)) % 1000;
        return String.format("%03d", value);
    }

    /** Whether {@code given} is this card's CVV; constant-time, so a timing cannot tell how many digits matched. */
    public boolean matches(Pan pan, int expMonth, int expYear, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(cvv(pan, expMonth, expYear).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    /** A keyed hash of the PAN: how a card is found from a network message without decrypting every card. */
    public byte[] lookup(Pan pan) {
        return mac(lookupKey, pan.digits().getBytes(StandardCharsets.US_ASCII));
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
