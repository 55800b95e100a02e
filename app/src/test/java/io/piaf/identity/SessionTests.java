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
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void a_reused_refresh_token_revokes_the_whole_session_and_is_logged_with_the_request_trace_id(
            org.springframework.boot.test.system.CapturedOutput output) {
        var user = api.signUp("reuse");
        var stolen = signIn(user).get("refresh_token");
        var next = (String) refresh(stolen).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("refresh_token");
        var traceId = "5af7183fb1d4cf5f2a6b8e0c9d3e4f10";

        expectInvalid(api.http().post().uri("/api/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").bodyValue(Map.of("refresh_token", stolen)).exchange());

        expectInvalid(refresh(next));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getOut().lines().filter(l -> l.contains("Refresh token reused")).toList()).anyMatch(l -> l.contains(traceId)));
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
