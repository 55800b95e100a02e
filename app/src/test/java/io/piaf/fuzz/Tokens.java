package io.piaf.fuzz;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Tokens a client must not get in with: unsigned, expired, signed by another key, for a non-user, garbage. */
final class Tokens {

    private final List<String> hostile;

    Tokens(DatabaseClient db, String subject) throws Exception {
        // The signing key from the secret file development generated for the tests (no table holds it).
        var ours = com.nimbusds.jose.jwk.JWKSet.parse(java.nio.file.Files.readString(java.nio.file.Path.of("target/test-secrets/jwt-signing-keys")))
                .getKeys().getFirst().toRSAKey();
        var foreign = new RSAKeyGenerator(2048).keyID(ours.getKeyID()).generate();
        var now = Instant.now();
        hostile = List.of(
                new PlainJWT(claims(subject, now.plusSeconds(600))).serialize(),
                sign(ours, claims(subject, now.minusSeconds(300))),
                sign(foreign, claims(subject, now.plusSeconds(600))),
                sign(ours, claims("not-a-user-id", now.plusSeconds(600))),
                sign(ours, new JWTClaimsSet.Builder().issuer("urn:piaf").subject(subject).claim("scope", "user").build()), // no exp
                "eyJhbGciOiJub25lIn0.e30.",
                "a.b.c");
    }

    List<String> hostile() {
        return hostile;
    }

    private static JWTClaimsSet claims(String subject, Instant expires) {
        return new JWTClaimsSet.Builder().issuer("urn:piaf").subject(subject).claim("scope", "user")
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
