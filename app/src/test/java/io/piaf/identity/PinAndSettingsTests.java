package io.piaf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

@PiafTest
class PinAndSettingsTests {

    @Autowired Api api;
    @Autowired Identity identity;
    @Autowired DatabaseClient db;

    @Test
    void a_pin_is_set_then_changed_only_with_the_current_one() {
        var user = api.signUp("pinner");

        api.put(user, "/api/me/pin", Map.of("pin", "1234")).exchange().expectStatus().isNoContent();
        api.get(user, "/api/me").exchange().expectBody().jsonPath("$.pinSet").isEqualTo(true);

        api.put(user, "/api/me/pin", Map.of("pin", "5678")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("current_pin_required");
        api.put(user, "/api/me/pin", Map.of("pin", "5678", "currentPin", "0000")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("invalid_pin").jsonPath("$.attemptsLeft").isEqualTo(2);
        api.put(user, "/api/me/pin", Map.of("pin", "567890", "currentPin", "1234")).exchange().expectStatus().isNoContent();

        assertThat(identity.checkPin(new UserId(java.util.UUID.fromString(user.id())), "567890").block()).isInstanceOf(PinCheck.Accepted.class);
    }

    @Test
    void a_pin_is_four_to_six_digits_and_never_stored_in_clear() {
        var user = api.signUp("pinfmt");

        for (var bad : new String[] { "123", "1234567", "12a4", "" }) {
            api.put(user, "/api/me/pin", Map.of("pin", bad)).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_pin_format");
        }
        api.put(user, "/api/me/pin", Map.of("pin", "4821")).exchange().expectStatus().isNoContent();

        var stored = db.sql("select pin_hash from identity.users where handle = $1").bind(0, user.handle())
                .map(r -> r.get(0, byte[].class)).one().block();
        assertThat(stored).hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("4821");
    }

    @Test
    void three_wrong_pins_lock_checks_even_with_the_right_pin() {
        var user = api.signUp("locked");
        var id = new UserId(java.util.UUID.fromString(user.id()));
        api.put(user, "/api/me/pin", Map.of("pin", "2468")).exchange().expectStatus().isNoContent();

        assertThat(identity.checkPin(id, "0000").block()).isEqualTo(new PinCheck.Rejected(2));
        assertThat(identity.checkPin(id, "1111").block()).isEqualTo(new PinCheck.Rejected(1));
        assertThat(identity.checkPin(id, "2222").block()).isInstanceOf(PinCheck.Locked.class);
        var locked = (PinCheck.Locked) identity.checkPin(id, "2468").block();

        assertThat(locked.until()).isAfter(java.time.Instant.now().plusSeconds(14 * 60));
        api.put(user, "/api/me/pin", Map.of("pin", "1357", "currentPin", "2468")).exchange()
                .expectStatus().isEqualTo(423).expectBody().jsonPath("$.code").isEqualTo("pin_locked");
    }

    @Test
    void a_right_pin_resets_the_count_of_wrong_ones() {
        var user = api.signUp("reset");
        var id = new UserId(java.util.UUID.fromString(user.id()));
        api.put(user, "/api/me/pin", Map.of("pin", "9753")).exchange().expectStatus().isNoContent();

        identity.checkPin(id, "0000").block();
        identity.checkPin(id, "0001").block();
        assertThat(identity.checkPin(id, "9753").block()).isInstanceOf(PinCheck.Accepted.class);

        assertThat(identity.checkPin(id, "0002").block()).isEqualTo(new PinCheck.Rejected(2));
    }

    @Test
    void concurrent_wrong_pins_each_count() {
        var user = api.signUp("racer");
        var id = new UserId(java.util.UUID.fromString(user.id()));
        api.put(user, "/api/me/pin", Map.of("pin", "8642")).exchange().expectStatus().isNoContent();

        var results = reactor.core.publisher.Flux.range(0, 3)
                .flatMap(i -> identity.checkPin(id, "000" + i), 3).collectList().block();

        assertThat(results).hasSize(3).filteredOn(r -> r instanceof PinCheck.Locked).hasSize(1);
        assertThat(identity.checkPin(id, "8642").block()).isInstanceOf(PinCheck.Locked.class);
    }

    @Test
    void payment_visibility_is_a_setting() {
        var user = api.signUp("private");

        api.put(user, "/api/me/settings", Map.of("paymentVisibility", "PUBLIC")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.paymentVisibility").isEqualTo("PUBLIC");
        api.get(user, "/api/me").exchange().expectBody().jsonPath("$.settings.paymentVisibility").isEqualTo("PUBLIC");
        api.put(user, "/api/me/settings", Map.of("paymentVisibility", "EVERYONE")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_visibility");
    }

    @Test
    void an_account_is_protected_by_a_setting_that_leaves_the_others_alone() {
        var user = api.signUp("guarded");

        api.put(user, "/api/me/settings", Map.of("protected", true)).exchange().expectStatus().isOk()
                .expectBody().json("{\"paymentVisibility\":\"PRIVATE\",\"protected\":true}", org.springframework.test.json.JsonCompareMode.STRICT);
        api.get(user, "/api/me").exchange().expectBody().jsonPath("$.settings.protected").isEqualTo(true);
        api.put(user, "/api/me/settings", Map.of("paymentVisibility", "FOLLOWERS")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.protected").isEqualTo(true);
        api.put(user, "/api/me/settings", Map.of()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_settings");
    }

    @Test
    void existing_accounts_keep_their_payment_visibility_only_new_ones_start_private() {
        // The column's default is what an account made outside sign-up (an import, a migration) gets.
        var id = java.util.UUID.randomUUID();
        db.sql("insert into identity.users (id, handle, display_name, kind, created_at) values ($1, $2, 'x', 'PERSON', now())")
                .bind(0, id).bind(1, "imp_" + Long.toString(System.nanoTime(), 36).substring(0, 8)).then().block();
        assertThat(db.sql("select payment_visibility, protected from identity.users where id = $1").bind(0, id)
                .map(r -> r.get(0, String.class) + "," + r.get(1, Boolean.class)).one().block()).isEqualTo("PRIVATE,false");
    }
}
