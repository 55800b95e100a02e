package io.piaf.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

/** A session outlives its one-hour access token through rotating refresh tokens; a copied one ends the session. */
@PiafTest
class SessionTests {

    @Autowired Api api;

    @Test
    void a_refresh_token_gives_a_new_access_token_and_the_next_refresh_token() {
        var user = api.signUp("refresh");
        var first = signIn(user);

        var second = refresh(first.get("refresh_token")).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(second).containsKeys("access_token", "refresh_token").containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
        assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
        api.http().get().uri("/api/me").header("Authorization", "Bearer " + second.get("access_token")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.handle").isEqualTo(user.handle());
        refresh((String) second.get("refresh_token")).expectStatus().isOk();
    }

    @Test
    void a_reused_refresh_token_revokes_the_whole_session() {
        var user = api.signUp("reuse");
        var stolen = signIn(user).get("refresh_token");
        var next = (String) refresh(stolen).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("refresh_token");

        expectInvalid(refresh(stolen));

        expectInvalid(refresh(next));
    }

    @Test
    void logout_revokes_the_session_and_can_be_repeated() {
        var user = api.signUp("logout");
        var session = signIn(user);
        var other = signIn(user);

        logout(session.get("refresh_token")).expectStatus().isNoContent();
        logout(session.get("refresh_token")).expectStatus().isNoContent();
        logout("never-issued").expectStatus().isNoContent();

        expectInvalid(refresh(session.get("refresh_token")));
        refresh(other.get("refresh_token")).expectStatus().isOk();
    }

    @Test
    void unknown_or_missing_refresh_tokens_are_refused() {
        expectInvalid(refresh("not-a-token"));
        expectInvalid(refresh(""));
        expectInvalid(refresh("x".repeat(5000)));
        api.http().post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("invalid_refresh_token");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> signIn(Api.User user) {
        return api.http().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", user.handle(), "password", user.password()))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec refresh(String token) {
        return api.http().post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", token)).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec logout(String token) {
        return api.http().post().uri("/api/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refresh_token", token)).exchange();
    }

    private static void expectInvalid(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invalid_refresh_token");
    }
}
