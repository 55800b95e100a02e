package io.piaf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

@PiafTest
class SignUpAndTokenTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;

    @Test
    void a_person_signs_up_gets_a_token_and_sees_themselves() {
        var handle = Api.uniqueHandle("Alice");

        api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle.toUpperCase(), "password", "correct horse", "displayName", "Alice A.", "phone", "+33612345678"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.handle").isEqualTo(handle.toLowerCase())
                .jsonPath("$.displayName").isEqualTo("Alice A.")
                .jsonPath("$.id").isNotEmpty();

        var token = api.http().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", "@" + handle, "password", "correct horse"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.token_type").isEqualTo("Bearer")
                .jsonPath("$.expires_in").isEqualTo(3600)
                .returnResult();
        var accessToken = (String) new tools.jackson.databind.json.JsonMapper().readValue(token.getResponseBody(), Map.class).get("access_token");

        api.http().get().uri("/api/me").header("Authorization", "Bearer " + accessToken)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.handle").isEqualTo(handle.toLowerCase())
                .jsonPath("$.kind").isEqualTo("PERSON")
                .jsonPath("$.pinSet").isEqualTo(false)
                .jsonPath("$.settings.paymentVisibility").isEqualTo("PRIVATE")
                .jsonPath("$.settings.protected").isEqualTo(false);
    }

    @Test
    void passwords_are_stored_as_argon2id_hashes() {
        var user = api.signUp("hashed");

        var hash = db.sql("select password_hash from identity.users where handle = $1").bind(0, user.handle())
                .map(r -> r.get(0, String.class)).one().block();

        assertThat(hash).startsWith("$argon2id$").doesNotContain("password-" + user.handle());
    }

    @Test
    void sign_up_publishes_user_registered_in_the_same_transaction() {
        var user = api.signUp("announced");

        var events = db.sql("select count(*) from outbox.event where type = 'identity.UserRegistered' and payload->>'userId' = $1")
                .bind(0, user.id()).map(r -> r.get(0, Long.class)).one().block();

        assertThat(events).isEqualTo(1);
    }

    @Test
    void a_taken_handle_is_a_conflict_whatever_its_case() {
        var user = api.signUp("taken");

        api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", user.handle().toUpperCase(), "password", "another password", "displayName", "Copy"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("handle_taken");
    }

    @Test
    void bad_sign_up_input_is_refused_with_a_stable_code_and_nothing_written() {
        var handle = Api.uniqueHandle("bad");
        expectSignUpRefused(Map.of("handle", "ab", "password", "long enough", "displayName", "X"), "invalid_handle");
        expectSignUpRefused(Map.of("handle", "émile", "password", "long enough", "displayName", "X"), "invalid_handle");
        expectSignUpRefused(Map.of("handle", "a-b-c", "password", "long enough", "displayName", "X"), "invalid_handle");
        expectSignUpRefused(Map.of("handle", "x".repeat(21), "password", "long enough", "displayName", "X"), "invalid_handle");
        expectSignUpRefused(Map.of("handle", handle, "password", "short", "displayName", "X"), "weak_password");
        expectSignUpRefused(Map.of("handle", handle, "password", "long enough", "displayName", "  "), "invalid_display_name");
        expectSignUpRefused(Map.of("handle", handle, "password", "long enough", "displayName", "X", "phone", "0612"), "invalid_phone");
        expectSignUpRefused(Map.of("password", "long enough", "displayName", "X"), "invalid_handle");

        var written = db.sql("select count(*) from identity.users where handle = $1").bind(0, handle).map(r -> r.get(0, Long.class)).one().block();
        assertThat(written).isZero();
    }

    @Test
    void a_wrong_password_or_unknown_handle_gets_the_same_401() {
        var user = api.signUp("guarded");

        for (var attempt : new Map[] {
                Map.of("handle", user.handle(), "password", "wrong password"),
                Map.of("handle", Api.uniqueHandle("ghost"), "password", "whatever"),
                Map.of("handle", "acf", "password", "charities cannot sign in") }) {
            api.http().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(attempt)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("bad_credentials");
        }
    }

    @Test
    void the_verified_charity_exists_from_configuration() {
        var kind = db.sql("select kind from identity.users where handle = 'acf'").map(r -> r.get(0, String.class)).one().block();

        assertThat(kind).isEqualTo("CHARITY");
    }

    @Test
    void common_passwords_hidden_or_check_mark_display_names_are_refused() {
        var handle = Api.uniqueHandle("rules");

        for (var common : new String[] { "password123", "iloveyou1", "qwertyuiop", "Football1" }) {
            expectSignUpRefused(Map.of("handle", handle, "password", common, "displayName", "X"), "weak_password");
        }
        expectSignUpRefused(Map.of("handle", handle, "password", handle, "displayName", "X"), "weak_password");
        for (var name : new String[] { "Alice\u202Eecila", "Al\u200Bice", "Alice ✔", "Bob ✅", "Eve\u0007" }) {
            expectSignUpRefused(Map.of("handle", handle, "password", "long enough", "displayName", name), "invalid_display_name");
        }
    }

    @Test
    void a_handle_that_reads_as_a_verified_or_reserved_one_is_refused() {
        var suffix = Api.uniqueHandle("x").substring(2);
        db.sql("insert into identity.users (id, handle, display_name, kind, payment_visibility, created_at) "
                + "values (gen_random_uuid(), $1, 'Clowns sans frontières', 'CHARITY', 'PUBLIC', now())")
                .bind(0, "clowns_" + suffix).then().block();

        for (var lookalike : new String[] { "c1owns_" + suffix, "d0wns_" + suffix, "clovvns_" + suffix, "p1af", "supp0rt", "piaf" }) {
            expectSignUpRefused(Map.of("handle", lookalike, "password", "long enough", "displayName", "X"), "handle_confusable", 409);
        }
        api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", "clowns2_" + suffix, "password", "long enough", "displayName", "Fan"))
                .exchange().expectStatus().isCreated();
    }

    private void expectSignUpRefused(Map<String, String> body, String code) {
        expectSignUpRefused(body, code, 400);
    }

    private void expectSignUpRefused(Map<String, String> body, String code, int status) {
        api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }
}
