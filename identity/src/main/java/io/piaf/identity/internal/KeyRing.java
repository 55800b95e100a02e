package io.piaf.identity.internal;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.piaf.identity.UserId;
import io.piaf.identity.internal.domain.PinHasher;

/**
 * Piaf's token keys and PIN peppers. Several RSA keys may be configured (a JWK set, each key with its {@code kid},
 * {@code iat} and optionally {@code exp}): tokens are signed with the newest (latest {@code iat}), and tokens signed
 * with any other are accepted until that key's {@code exp}. The JWKS publishes the public part of every key still
 * accepted. Rotating is adding a key, then giving the old one an {@code exp} at least one token lifetime away.
 */
final class KeyRing {

    private final List<RSAKey> keys;
    private final RSAKey signingKey;
    private final RSASSASigner signer;
    private final PinHasher pins;

    KeyRing(List<RSAKey> keys, PinHasher pins) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("At least one signing key is needed");
        }
        for (var key : keys) {
            if (key.getKeyID() == null || !key.isPrivate()) {
                throw new IllegalArgumentException("Each signing key is a private RSA JWK with a kid");
            }
        }
        this.keys = List.copyOf(keys);
        this.signingKey = keys.stream()
                .filter(k -> !expired(k, Instant.now()))
                .max(Comparator.comparing(k -> k.getIssueTime() == null ? Instant.EPOCH : k.getIssueTime().toInstant()))
                .orElseThrow(() -> new IllegalArgumentException("Every signing key has expired: add a new one"));
        this.pins = pins;
        try {
            this.signer = new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key cannot sign", e);
        }
    }

    /** A JWK set ({@code {"keys":[…]}}) or a single JWK, both with private parts. */
    static List<RSAKey> parseKeys(String json) {
        try {
            var text = json.strip();
            var set = text.contains("\"keys\"") ? JWKSet.parse(text) : new JWKSet(JWK.parse(text));
            return set.getKeys().stream().map(JWK::toRSAKey).toList();
        } catch (ParseException | IllegalStateException e) {
            throw new IllegalArgumentException("The signing keys are not a JWK set of RSA keys: " + e.getMessage(), e);
        }
    }

    /** A JWK set of one new RSA key, private parts included, as development generates it. */
    static String generateKeys() {
        try {
            var key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).issueTime(new Date()).generate();
            return new JWKSet(key).toString(false);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    record IssuedToken(String value, long expiresInSeconds) {
    }

    IssuedToken issue(String issuer, UserId subject, String handle, String scope, Duration ttl) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject.toString())
                .claim("handle", handle)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        return sign(claims, ttl);
    }

    /**
     * A token for an OAuth client (client credentials grant): {@code sub} is the client's subject in the module that
     * registered it, {@code client_id} the client, {@code aud} the API it may call.
     */
    IssuedToken issueForClient(String issuer, String subject, String clientId, String scope, String audience, Duration ttl) {
        var now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .claim("client_id", clientId)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build(), ttl);
    }

    private IssuedToken sign(JWTClaimsSet claims, Duration ttl) {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds());
    }

    /** Public keys still accepted now, for verification and the JWKS. */
    List<JWK> acceptedPublicKeys() {
        var now = Instant.now();
        return keys.stream().filter(k -> !expired(k, now)).map(k -> (JWK) k.toPublicJWK()).toList();
    }

    String signingKeyId() {
        return signingKey.getKeyID();
    }

    Map<String, Object> publicJwks() {
        return new JWKSet(acceptedPublicKeys()).toJSONObject();
    }

    PinHasher pins() {
        return pins;
    }

    private static boolean expired(RSAKey key, Instant now) {
        return key.getExpirationTime() != null && !key.getExpirationTime().toInstant().isAfter(now);
    }
}
