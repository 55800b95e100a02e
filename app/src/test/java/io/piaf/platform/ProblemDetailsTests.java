package io.piaf.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;
import io.piaf.testing.FailingEndpoint;
import io.piaf.testing.OpenApiContract;
import io.piaf.testing.PiafTest;

/** Every error a client can cause, or that we cause, reads as RFC 9457 problem+json with a stable code. */
@PiafTest
class ProblemDetailsTests {

    @Autowired Api api;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void log_lines_of_a_request_carry_its_trace_id(org.springframework.boot.test.system.CapturedOutput output) {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        api.get(api.signUp("tracer"), FailingEndpoint.PATH).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").exchange()
                .expectStatus().isEqualTo(500);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getOut().lines().filter(l -> l.contains("Unexpected error")).toList()).anyMatch(l -> l.contains(traceId)));
    }

    @Test
    void malformed_json_is_a_bad_request() {
        expectProblem(api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"handle\": "),
                400, "malformed_request");
        expectProblem(api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2]"),
                400, "malformed_request");
        expectProblem(api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"handle\": {\"x\": 1}}"),
                400, "malformed_request");
    }

    @Test
    void an_empty_body_is_a_bad_request() {
        expectProblem(api.http().post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON), 400, "malformed_request");
    }

    @Test
    void an_oversized_body_is_refused_before_it_is_parsed() {
        var huge = "{\"handle\":\"" + "a".repeat(200_000) + "\"}";
        // A connection of its own: the server answers before the client has sent the whole body, and that connection
        // must not be handed to the next test.
        var ownConnection = org.springframework.test.web.reactive.server.WebTestClient.bindToServer(
                new org.springframework.http.client.reactive.ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.newConnection()))
                .baseUrl("http://localhost:" + port).build();
        expectProblem(ownConnection.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON).bodyValue(huge),
                413, "payload_too_large");
    }

    @Test
    void an_unknown_route_is_not_found() {
        var user = api.signUp("lost");
        expectProblem(api.get(user, "/api/no/such/thing"), 404, "not_found");
    }

    @Test
    void a_wrong_method_is_not_allowed_and_says_which_are() {
        expectProblem(api.http().delete().uri("/api/auth/token"), 405, "method_not_allowed");
    }

    @Test
    void a_wrong_content_type_is_unsupported() {
        expectProblem(api.http().post().uri("/api/auth/signup").contentType(MediaType.TEXT_PLAIN).bodyValue("handle=alice"),
                415, "unsupported_media_type");
    }

    @Test
    void a_missing_token_is_unauthorized() {
        expectProblem(api.http().get().uri("/api/me"), 401, "unauthenticated");
    }

    @Test
    void an_unexpected_failure_leaks_neither_stack_trace_nor_sql() {
        var user = api.signUp("boom");

        var answer = api.get(user, FailingEndpoint.PATH).exchange().expectBody().returnResult();
        var body = expectProblem(api.get(user, FailingEndpoint.PATH), 500, "internal_error");

        assertThat(body.toString()).doesNotContain("select", "identity.users", "IllegalStateException", "at io.piaf");
        assertThat(body).containsKey("reference");
        // The endpoint is hidden from the description; its answer is held to the 500 every operation documents.
        assertThat(OpenApiContract.of("http://localhost:" + port).violations("GET", "/api/me", 500,
                "application/problem+json", answer.getResponseBodyContent())).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> expectProblem(WebTestClient.RequestHeadersSpec<?> request, int status, String code) {
        Map<String, Object> body = request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body).containsEntry("status", status).containsEntry("code", code)
                .containsKeys("type", "title", "detail");
        return body;
    }
}
