package io.piaf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import com.sun.net.httpserver.HttpServer;

/** Merchant helpers over the public HTTP API: onboarding, client credentials tokens, sessions, a webhook receiver. */
public final class Commerce {

    /** A merchant opened by {@code owner}, with its credentials and a token holding every merchant scope. */
    public record Merchant(String id, Api.User owner, String clientId, String clientSecret, Api.User token) {
    }

    /** A local HTTP endpoint that records what it receives and answers {@code status} (after {@code delayMillis}). */
    public static final class Receiver implements AutoCloseable {
        public record Received(String signature, String body, long receivedNanos) {
        }

        public final List<Received> received = new CopyOnWriteArrayList<>();
        public volatile int status = 200;
        public volatile long delayMillis;
        private final HttpServer server;

        public Receiver() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            // platform threads: a virtual thread waits for a carrier, and earlier tests of the same JVM may keep the few
            // carriers (one per core) busy or pinned, which left deliveries unanswered in the full suite only
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/hooks", exchange -> {
                var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var now = System.nanoTime();
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                var answer = status;
                if (answer >= 200 && answer < 300) {
                    received.add(new Received(exchange.getRequestHeaders().getFirst("Piaf-Signature"), body, now));
                }
                exchange.sendResponseHeaders(answer, -1);
                exchange.close();
            });
            server.start();
        }

        public String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hooks";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private final Api api;

    public Commerce(Api api) {
        this.api = api;
    }

    @SuppressWarnings("unchecked")
    public Merchant merchant(String name) {
        var owner = api.signUp("owner");
        var body = api.post(owner, "/api/merchants", Map.of("name", name, "mcc", "5812", "supportEmail", "help@shop.example"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        var clientId = (String) body.get("clientId");
        var secret = (String) body.get("clientSecret");
        return new Merchant((String) body.get("id"), owner, clientId, secret, new Api.User(null, name, token(clientId, secret, null)));
    }

    public WebTestClient.ResponseSpec tokenRequest(String clientId, String secret, String scope) {
        var form = BodyInserters.fromFormData("grant_type", "client_credentials");
        if (scope != null) {
            form = form.with("scope", scope);
        }
        return api.http().post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .body(form).exchange();
    }

    @SuppressWarnings("unchecked")
    public String token(String clientId, String secret, String scope) {
        var body = tokenRequest(clientId, secret, scope).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        return (String) body.get("access_token");
    }

    public static Map<String, Object> basket(String unitAmount, int quantity) {
        return Map.of("lineItems", List.of(Map.of("name", "Croissant", "quantity", quantity, "unitAmount", unitAmount)),
                "reference", "order-" + UUID.randomUUID(), "successUrl", "https://shop.example/thanks", "cancelUrl", "https://shop.example/basket");
    }

    public WebTestClient.ResponseSpec sessionRequest(Api.User merchantToken, Object body, String key) {
        var spec = api.post(merchantToken, "/api/checkout/sessions", body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.exchange();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> session(Merchant merchant, String unitAmount, int quantity) {
        return sessionRequest(merchant.token(), basket(unitAmount, quantity), UUID.randomUUID().toString())
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec pay(Api.User payer, String sessionId, String pin) {
        return api.post(payer, "/api/checkout/sessions/" + sessionId + "/pay", Map.of("pin", pin)).exchange();
    }

    public WebTestClient.ResponseSpec refund(Merchant merchant, Object body, String key) {
        return api.post(merchant.token(), "/api/refunds", body).header("Idempotency-Key", key).exchange();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> endpoint(Merchant merchant, String url) {
        return api.post(merchant.token(), "/api/webhook-endpoints", Map.of("url", url, "events", List.of("checkout.session.completed", "checkout.session.expired", "refund.succeeded", "payout.paid")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }
}
