package io.piaf.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import io.piaf.identity.UserId;
import io.piaf.identity.internal.domain.PinHasher;

/** Signing keys rotate: the newest signs, the others verify until their expiry, retired ones are gone. */
class KeyRingTests {

    private static final PinHasher PINS = new PinHasher(new byte[32]);
    private static final IdentityProperties PROPERTIES = new IdentityProperties("urn:piaf", Duration.ofHours(1), Duration.ofDays(14),
            Duration.ofDays(30), Duration.ofSeconds(60), 3, List.of(Duration.ofMinutes(15)), null, null, null, null, List.of(),
            "urn:piaf:api", Duration.ofMinutes(15), Duration.ofHours(24), new IdentityProperties.PasswordHash(16384, 2));

    @Test
    void the_newest_key_signs_and_every_key_still_accepted_is_published_and_verifies() throws Exception {
        var old = key("old", Instant.now().minus(Duration.ofDays(90)), Instant.now().plus(Duration.ofHours(2)));
        var current = key("current", Instant.now().minus(Duration.ofDays(1)), null);
        var oldRing = new KeyRing(List.of(old), PINS);
        var ring = new KeyRing(KeyRing.parseKeys(new JWKSet(List.of(old, current)).toString(false)), PINS);
        var decoder = new IdentityConfiguration().piafJwtDecoder(ring, PROPERTIES);
        var user = new UserId(UUID.randomUUID());

        var token = ring.issue("urn:piaf", user, "alice", "user", Duration.ofMinutes(5)).value();
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("current");
        assertThat(ring.publicJwks().get("keys")).asList().hasSize(2);
        assertThat(decoder.decode(token).block().getSubject()).isEqualTo(user.toString());
        var byOldKey = oldRing.issue("urn:piaf", user, "alice", "user", Duration.ofMinutes(5)).value();
        assertThat(decoder.decode(byOldKey).block().getSubject()).isEqualTo(user.toString());
    }

    @Test
    void a_key_past_its_expiry_neither_signs_nor_verifies_nor_is_published() throws Exception {
        var retired = key("retired", Instant.now().minus(Duration.ofDays(90)), Instant.now().minusSeconds(1));
        var current = key("current", Instant.now().minus(Duration.ofDays(100)), null);
        var ring = new KeyRing(List.of(retired, current), PINS);
        var decoder = new IdentityConfiguration().piafJwtDecoder(ring, PROPERTIES);
        var byRetiredKey = new KeyRing(List.of(key("retired", retired), current), PINS);

        assertThat(SignedJWT.parse(ring.issue("urn:piaf", new UserId(UUID.randomUUID()), "a", "user", Duration.ofMinutes(5)).value())
                .getHeader().getKeyID()).as("the retired key is newer but expired").isEqualTo("current");
        assertThat((List<?>) ring.publicJwks().get("keys")).hasSize(1);
        var token = byRetiredKey.issue("urn:piaf", new UserId(UUID.randomUUID()), "a", "user", Duration.ofMinutes(5)).value();
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("retired");
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(Exception.class);
    }

    @Test
    void development_generates_one_private_key_with_an_issue_time() {
        var keys = KeyRing.parseKeys(KeyRing.generateKeys());

        assertThat(keys).hasSize(1);
        assertThat(keys.getFirst().isPrivate()).isTrue();
        assertThat(keys.getFirst().getIssueTime()).isNotNull();
        assertThatThrownBy(() -> new KeyRing(List.of(keys.getFirst().toPublicJWK()), PINS)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RSAKey key(String kid, Instant issued, Instant expires) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).issueTime(Date.from(issued))
                .expirationTime(expires == null ? null : Date.from(expires)).generate();
    }

    /** The same key material without an expiry, to sign as a retired key would. */
    private static RSAKey key(String kid, RSAKey from) {
        return new RSAKey.Builder(from).keyID(kid).expirationTime(null).build();
    }
}
