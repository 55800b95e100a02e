package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.stereotype.Component;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Custody: secp256k1 keys generated in this process, kept only encrypted (AES-256-GCM under the current
 * key-encryption key, the account's address as associated data so a ciphertext cannot be moved to another row). A
 * private key exists in clear only while a transaction is signed; it is never returned, logged or put in an event.
 */
@Component
class KeyVault {

    /** An encrypted key as stored. Its {@code toString} shows no key material. */
    record Sealed(String address, String keyId, byte[] iv, byte[] ciphertext) {
        @Override
        public String toString() {
            return "Sealed[" + address + ", " + keyId + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyEncryptionKeys keys;

    KeyVault(CryptoProperties properties) {
        this.keys = KeyEncryptionKeys.load(properties);
    }

    /** A new account: its key generated and sealed at once. */
    Sealed generate() {
        try {
            var pair = Keys.createEcKeyPair(RANDOM);
            var address = Numeric.prependHexPrefix(Keys.getAddress(pair)).toLowerCase(java.util.Locale.ROOT);
            return seal(address, pair.getPrivateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a key", e);
        }
    }

    /** The signing credentials of a sealed key; hold them only for the signature. */
    Credentials open(Sealed sealed) {
        var secret = decrypt(sealed);
        try {
            return Credentials.create(ECKeyPair.create(secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The key sealed again under the current key-encryption key (rotation), or the same when it already is. */
    Sealed rewrap(Sealed sealed) {
        if (sealed.keyId().equals(keys.currentId())) {
            return sealed;
        }
        var secret = decrypt(sealed);
        try {
            return seal(sealed.address(), new BigInteger(1, secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    String currentKeyId() {
        return keys.currentId();
    }

    private Sealed seal(String address, BigInteger privateKey) {
        var secret = Numeric.toBytesPadded(privateKey, 32);
        try {
            var iv = new byte[12];
            RANDOM.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(128, iv));
            cipher.updateAAD(address.getBytes(StandardCharsets.US_ASCII));
            return new Sealed(address, keys.currentId(), iv, cipher.doFinal(secret));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a key", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private byte[] decrypt(Sealed sealed) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.byId(sealed.keyId()), new GCMParameterSpec(128, sealed.iv()));
            cipher.updateAAD(sealed.address().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The key of " + sealed.address() + " does not decrypt under " + sealed.keyId(), e);
        }
    }
}
