package io.piaf.cards.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.piaf.cards.internal.domain.Pan;

/**
 * AES-256-GCM encryption of PANs at rest. The card id is the associated data, so a ciphertext copied onto another
 * card's row does not decrypt; the stored value is the 12-byte nonce followed by the ciphertext and tag, with the
 * key id beside it in its own column.
 */
@Component
class PanCipher {

    record Sealed(byte[] ciphertext, String keyId) {
    }

    private final CardKeys keys;
    private final SecureRandom random = new SecureRandom();

    PanCipher(CardKeys keys) {
        this.keys = keys;
    }

    Sealed encrypt(UUID cardId, Pan pan) {
        var nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            var cipher = cipher(Cipher.ENCRYPT_MODE, keys.currentPanKeyId(), nonce, cardId);
            var sealed = cipher.doFinal(pan.digits().getBytes(StandardCharsets.US_ASCII));
            return new Sealed(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array(), keys.currentPanKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    Pan decrypt(UUID cardId, byte[] stored, String keyId) {
        try {
            var cipher = cipher(Cipher.DECRYPT_MODE, keyId, java.util.Arrays.copyOf(stored, 12), cardId);
            var digits = new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.US_ASCII);
            return Pan.parse(digits).orElseThrow(() -> new IllegalStateException("Card " + cardId + ": a stored PAN is not a PAN"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Card " + cardId + ": its PAN does not decrypt with key " + keyId, e);
        }
    }

    boolean isCurrent(String keyId) {
        return keys.currentPanKeyId().equals(keyId);
    }

    private Cipher cipher(int mode, String keyId, byte[] nonce, UUID cardId) throws GeneralSecurityException {
        var key = keys.panKeys().get(keyId);
        if (key == null) {
            throw new IllegalStateException("No PAN key with id " + keyId + " (piaf.cards.pan-keys)");
        }
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(cardId.toString().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
