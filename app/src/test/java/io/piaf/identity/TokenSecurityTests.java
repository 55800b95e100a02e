package io.piaf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

/** Only tokens Piaf signed, unexpired and untouched, open the API. */
@PiafTest
class TokenSecurityTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;

    @Test
    void the_api_needs_a_token() {
        expectRefused(null);
        expectRefused("not-a-jwt");
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() {
        var user = api.signUp("nonealg");
        var unsigned = new PlainJWT(claims(user.id(), Instant.now().plusSeconds(600))).serialize();

        expectRefused(unsigned);
    }

    @Test
    void a_token_signed_by_another_key_is_refused_even_with_our_key_id() throws Exception {
        var user = api.signUp("foreign");
        var ourKid = ourKeyId();
        var foreignKey = new RSAKeyGenerator(2048).keyID(ourKid).generate();

        expectRefused(sign(foreignKey, claims(user.id(), Instant.now().plusSeconds(600))));
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        var user = api.signUp("expired");

        expectRefused(sign(ourKey(), claims(user.id(), Instant.now().minus(5, ChronoUnit.MINUTES))));
    }

    @Test
    void a_token_without_an_expiry_is_refused() throws Exception {
        var user = api.signUp("noexp");
        var forever = new JWTClaimsSet.Builder().issuer("urn:piaf").subject(user.id()).claim("scope", "user")
                .issueTime(new Date()).build();

        expectRefused(sign(ourKey(), forever));
    }

    @Test
    void an_expiry_within_the_stated_clock_skew_is_tolerated() throws Exception {
        var user = api.signUp("skew");

        api.http().get().uri("/api/me").header("Authorization", "Bearer " + sign(ourKey(), claims(user.id(), Instant.now().minusSeconds(30))))
                .exchange().expectStatus().isOk();
        expectRefused(sign(ourKey(), claims(user.id(), Instant.now().minusSeconds(90))));
    }

    @Test
    void no_table_holds_a_secret() {
        var tables = db.sql("select table_schema || '.' || table_name from information_schema.tables where table_name like '%secret%'")
                .map(r -> r.get(0, String.class)).all().collectList().block();

        assertThat(tables).isEmpty();
    }

    @Test
    void a_tampered_token_is_refused() {
        var alice = api.signUp("alice");
        var mallory = api.signUp("mallory");
        var parts = alice.token().split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace(alice.id(), mallory.id());
        var tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];

        expectRefused(tampered);
    }

    @Test
    void a_token_from_our_key_is_accepted_and_the_jwks_publishes_only_the_public_part() throws Exception {
        var user = api.signUp("genuine");

        api.http().get().uri("/api/me").header("Authorization", "Bearer " + sign(ourKey(), claims(user.id(), Instant.now().plusSeconds(600))))
                .exchange().expectStatus().isOk();
        api.http().get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].kid").isEqualTo(ourKeyId())
                .jsonPath("$.keys[0].n").isNotEmpty()
                .jsonPath("$.keys[0].d").doesNotExist()
                .jsonPath("$.keys[0].p").doesNotExist();
    }

    private void expectRefused(String token) {
        var request = api.http().get().uri("/api/me");
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        var body = request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body).containsEntry("code", "unauthenticated").containsEntry("status", 401);
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

    /** The signing key, from the secret file development generated (owner-only), as no table holds it any more. */
    private RSAKey ourKey() throws Exception {
        var file = Path.of("target/test-secrets/jwt-signing-keys");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        return JWKSet.parse(Files.readString(file)).getKeys().getFirst().toRSAKey();
    }

    private String ourKeyId() throws Exception {
        return ourKey().getKeyID();
    }
}
