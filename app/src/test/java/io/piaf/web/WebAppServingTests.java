package io.piaf.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.PiafTest;

/** How the deployable serves the web app (no browser needed). */
@PiafTest
class WebAppServingTests {

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    private String shell(String path) {
        return http.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Cache-Control", "no-cache")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"))
                .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void every_html_response_has_the_content_security_policy_index_html_included() {
        for (var path : new String[] { "/index.html", "/", "/u/bob" }) {
            http.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).as(path).contains("script-src 'self'", "frame-ancestors 'none'"));
        }
        http.get().uri("/index.html").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'self'"));
    }

    @Test
    void the_root_and_every_client_route_get_the_app_shell() {
        assertThat(shell("/")).contains("<div id=\"root\"></div>");
        assertThat(shell("/u/bob")).contains("<div id=\"root\"></div>");
        assertThat(shell("/pay/8f1e0c55-2f7e-4a57-9d63-2b1a0d6f2e11")).contains("<div id=\"root\"></div>");
    }

    @Test
    void server_paths_are_never_answered_with_the_shell() {
        http.get().uri("/api/timeline").accept(MediaType.TEXT_HTML).exchange().expectStatus().isUnauthorized();
        http.get().uri("/.well-known/jwks.json").accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON).exchange()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        http.get().uri("/actuator/health").accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON).exchange()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("id=\"root\""));
        http.get().uri("/no-such-file.js").accept(MediaType.TEXT_HTML).exchange().expectStatus().isNotFound();
    }

    @Test
    void a_fetch_for_json_on_a_client_route_gets_no_shell() {
        http.get().uri("/u/bob").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isNotFound();
    }

    @Test
    void the_hashed_bundles_are_cached_for_a_year_and_compressed_on_the_wire() throws Exception {
        var html = shell("/");
        var script = html.replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        assertThat(script).startsWith("/assets/");
        // Over a real socket: compression is the HTTP server's work.
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + script))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("max-age=31536000", "immutable"));
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.body().length).isLessThan(150_000);
    }
}
