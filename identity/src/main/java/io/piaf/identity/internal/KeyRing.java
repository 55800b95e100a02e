package io.piaf.identity.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.piaf.identity.internal.domain.PinHasher;

import io.piaf.identity.UserId;

/** Signs Piaf's access tokens (RS256) and publishes the matching public key. */
final class KeyRing {

    private final RSAKey signingKey;
    private final RSASSASigner signer;
    private final PinHasher pins;

    KeyRing(RSAKey signingKey, PinHasher pins) {
        this.signingKey = signingKey;
        this.pins = pins;
        try {
            this.signer = new RSASSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key cannot sign", e);
        }
    }

    record IssuedToken(String value, long expiresInSeconds) {
    }

    IssuedToken issue(String issuer, UserId subject, String handle, String scope, java.time.Duration ttl) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject.toString())
                .claim("handle", handle)
                .claim("scope", scope)
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds());
    }

    java.security.interfaces.RSAPublicKey publicKey() {
        try {
            return signingKey.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> publicJwks() {
        return new JWKSet(signingKey.toPublicJWK()).toJSONObject();
    }

    PinHasher pins() {
        return pins;
    }
}
