package io.piaf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

@PiafTest
class PinAndSettingsTests {

    @Autowired Api api;
    @Autowired Identity identity;
    @Autowired DatabaseClient db;
    @Value("${piaf.identity.pin-peppers}") String peppers;

    @Test
    void the_first_pin_needs_the_password() {
        var user = api.signUp("pinpass");

        api.put(user, "/api/me/pin", Map.of("pin", "4821")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("password_required");
        api.put(user, "/api/me/pin", Map.of("pin", "4821", "password", "not-the-password")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("invalid_password");
        api.get(user, "/api/me").exchange().expectBody().jsonPath("$.pinSet").isEqualTo(false);

        api.put(user, "/api/me/pin", Map.of("pin", "4821", "password", user.password())).exchange().expectStatus().isNoContent();
        api.get(user, "/api/me").exchange().expectBody().jsonPath("$.pinSet").isEqualTo(true);
    }

    @Test
    void a_pin_is_changed_only_with_the_password_and_the_current_one() {
        var user = api.signUp("pinner");
        api.setPin(user, "4821");

        api.put(user, "/api/me/pin", Map.of("pin", "5728", "password", user.password())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("current_pin_required");
        api.put(user, "/api/me/pin", Map.of("pin", "5728", "currentPin", "4821")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("password_required");
        api.put(user, "/api/me/pin", Map.of("pin", "5728", "currentPin", "0000", "password", user.password())).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("invalid_pin").jsonPath("$.attemptsLeft").isEqualTo(2);
        api.put(user, "/api/me/pin", Map.of("pin", "572819", "currentPin", "4821", "password", user.password())).exchange()
                .expectStatus().isNoContent();

        assertThat(identity.checkPin(id(user), "572819").block()).isInstanceOf(PinCheck.Accepted.class);
    }

    @Test
    void a_pin_is_four_to_six_digits_and_never_stored_in_clear() {
        var user = api.signUp("pinfmt");

        for (var bad : new String[] { "123", "1234567", "12a4", "" }) {
            api.put(user, "/api/me/pin", Map.of("pin", bad, "password", user.password())).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_pin_format");
        }
        api.setPin(user, "4821");

        var stored = db.sql("select pin_hash from identity.users where handle = $1").bind(0, user.handle())
                .map(r -> r.get(0, byte[].class)).one().block();
        assertThat(stored).hasSize(32);
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("4821");
    }

    @Test
    void trivial_pins_are_refused() {
        var user = api.signUp("trivial");

        for (var trivial : new String[] { "0000", "1111", "1234", "4321", "123456", "987654", "1212", "123123", "2580" }) {
            api.put(user, "/api/me/pin", Map.of("pin", trivial, "password", user.password())).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("trivial_pin");
        }
        api.get(user, "/api/me").exchange().expectBody().jsonPath("$.pinSet").isEqualTo(false);
    }

    @Test
    void three_wrong_pins_lock_checks_even_with_the_right_pin() {
        var user = api.signUp("locked");
        var id = id(user);
        api.setPin(user, "2468");

        assertThat(identity.checkPin(id, "0000").block()).isEqualTo(new PinCheck.Rejected(2));
        assertThat(identity.checkPin(id, "1111").block()).isEqualTo(new PinCheck.Rejected(1));
        assertThat(identity.checkPin(id, "2222").block()).isInstanceOf(PinCheck.Locked.class);
        var locked = (PinCheck.Locked) identity.checkPin(id, "2468").block();

        assertThat(locked.until()).isAfter(Instant.now().plusSeconds(14 * 60));
        api.put(user, "/api/me/pin", Map.of("pin", "1357", "currentPin", "2468", "password", user.password())).exchange()
                .expectStatus().isEqualTo(423).expectBody().jsonPath("$.code").isEqualTo("pin_locked");
    }

    @Test
    void locks_escalate_from_15_minutes_to_an_hour_to_a_day_and_the_user_is_told_each_time() {
        var user = api.signUp("escalate");
        var id = id(user);
        api.setPin(user, "2468");

        assertThat(lockAfterThreeWrongPins(id)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(lockAfterThreeWrongPins(id)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(60));
        assertThat(lockAfterThreeWrongPins(id)).isBetween(Duration.ofHours(23).plusMinutes(59), Duration.ofHours(24));
        assertThat(lockAfterThreeWrongPins(id)).isBetween(Duration.ofHours(23).plusMinutes(59), Duration.ofHours(24));

        api.await(user, "pin_locked", 4);
        api.get(user, "/api/notifications").exchange().expectBody()
                .jsonPath("$.items[0].type").isEqualTo("pin_locked")
                .jsonPath("$.items[0].data.lockCount").isEqualTo(4)
                .jsonPath("$.items[0].data.lockedUntil").isNotEmpty()
                .jsonPath("$.items[3].data.lockCount").isEqualTo(1);
    }

    @Test
    void a_right_pin_ends_the_escalation() {
        var user = api.signUp("deescal");
        var id = id(user);
        api.setPin(user, "2468");
        lockAfterThreeWrongPins(id);
        unlock(id);

        assertThat(identity.checkPin(id, "2468").block()).isInstanceOf(PinCheck.Accepted.class);
        assertThat(lockAfterThreeWrongPins(id)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
    }

    @Test
    void a_right_pin_resets_the_count_of_wrong_ones() {
        var user = api.signUp("reset");
        var id = id(user);
        api.setPin(user, "9753");

        identity.checkPin(id, "0000").block();
        identity.checkPin(id, "0001").block();
        assertThat(identity.checkPin(id, "9753").block()).isInstanceOf(PinCheck.Accepted.class);

        assertThat(identity.checkPin(id, "0002").block()).isEqualTo(new PinCheck.Rejected(2));
    }

    @Test
    void concurrent_wrong_pins_each_count() {
        var user = api.signUp("racer");
        var id = id(user);
        api.setPin(user, "8642");

        var results = reactor.core.publisher.Flux.range(0, 3)
                .flatMap(i -> identity.checkPin(id, "000" + i), 3).collectList().block();

        assertThat(results).hasSize(3).filteredOn(r -> r instanceof PinCheck.Locked).hasSize(1);
        assertThat(identity.checkPin(id, "8642").block()).isInstanceOf(PinCheck.Locked.class);
    }

    @Test
    void a_hash_made_with_an_older_pepper_still_verifies_and_is_remade_with_the_newest() throws Exception {
        var user = api.signUp("pepper");
        var id = id(user);
        api.setPin(user, "2468");
        assertThat(pepperVersion(user)).isEqualTo(2);
        // as if the PIN had been set before pepper 2 was added
        db.sql("update identity.users set pin_hash = $2, pin_pepper_version = 1 where id = $1")
                .bind(0, id.value()).bind(1, hashWithPepper(1, id, "2468")).then().block();

        assertThat(identity.checkPin(id, "1357").block()).isInstanceOf(PinCheck.Rejected.class);
        assertThat(identity.checkPin(id, "2468").block()).isInstanceOf(PinCheck.Accepted.class);

        assertThat(pepperVersion(user)).isEqualTo(2);
        assertThat(identity.checkPin(id, "2468").block()).isInstanceOf(PinCheck.Accepted.class);
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

    /** Three wrong PINs, then how long the lock lasts; the lock is then lifted as if its time had passed. */
    private Duration lockAfterThreeWrongPins(UserId id) {
        unlock(id);
        identity.checkPin(id, "0000").block();
        identity.checkPin(id, "0000").block();
        var locked = (PinCheck.Locked) identity.checkPin(id, "0000").block();
        return Duration.between(Instant.now(), locked.until());
    }

    private void unlock(UserId id) {
        db.sql("update identity.users set pin_locked_until = null where id = $1").bind(0, id.value()).then().block();
    }

    private int pepperVersion(Api.User user) {
        return db.sql("select pin_pepper_version from identity.users where handle = $1").bind(0, user.handle())
                .map(r -> r.get(0, Integer.class)).one().block();
    }

    private byte[] hashWithPepper(int version, UserId id, String pin) throws Exception {
        var base64 = java.util.Arrays.stream(peppers.split(" ")).filter(p -> p.startsWith(version + ":")).findFirst().orElseThrow()
                .substring(2);
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256"));
        mac.update((id.value() + ":").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return mac.doFinal(pin.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static UserId id(Api.User user) {
        return new UserId(UUID.fromString(user.id()));
    }
}
