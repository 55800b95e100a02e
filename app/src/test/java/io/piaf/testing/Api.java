package io.piaf.testing;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Scenario helpers over the public HTTP API, as an outside client would use it. Every answer a test reads is held to
 * the OpenAPI description ({@link OpenApiContract}).
 */
@TestComponent
public class Api implements ApplicationListener<WebServerInitializedEvent> {

    private final WebTestClient http;

    public Api(WebTestClient http) {
        this.http = http.mutate().responseTimeout(Duration.ofSeconds(30))
                .entityExchangeResultConsumer(OpenApiContract::check).build();
    }

    /** Tells the contract which application answers on the new server's port (see {@link #application}). */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            OpenApiContract.served("http://localhost:" + event.getWebServer().getPort(), application(event.getApplicationContext()));
        }
    }

    /**
     * What the description a context serves depends on: its profiles and its controllers (springdoc's settings come
     * from the profiles' files; the OpenAPI customizers read no setting). Contexts that differ only in other settings
     * (rate limits, a chain that is down, Kafka) serve the same description, which springdoc then builds once per run
     * instead of once per context (3-10 s each on the CI machine).
     */
    private static String application(ApplicationContext context) {
        var controllers = new java.util.TreeSet<String>();
        for (var name : context.getBeanNamesForAnnotation(org.springframework.stereotype.Controller.class)) {
            var type = context.getType(name);
            controllers.add(type == null ? name : org.springframework.util.ClassUtils.getUserClass(type).getName());
        }
        controllers.addAll(java.util.List.of(context.getBeanNamesForType(org.springframework.web.reactive.function.server.RouterFunction.class)));
        return String.join(",", context.getEnvironment().getActiveProfiles()) + " " + controllers;
    }

    public WebTestClient http() {
        return http;
    }

    /** A signed-up user with a token. */
    public record User(String id, String handle, String token) {
        public String bearer() {
            return "Bearer " + token;
        }

        /** The password {@link Api#signUp} gave this user. */
        public String password() {
            return "password-" + handle;
        }
    }

    /** A fresh, unique handle such as {@code alice_k3f9a0}: at most 10 characters of prefix, 19 in all. */
    public static String uniqueHandle(String prefix) {
        var suffix = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(2_821_109_907_456L), 36);
        return (prefix.length() > 10 ? prefix.substring(0, 10) : prefix) + "_" + suffix;
    }

    public User signUp(String prefix) {
        var handle = uniqueHandle(prefix);
        var created = http.post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle, "password", "password-" + handle, "displayName", prefix))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return new User((String) created.get("id"), handle, token(handle, "password-" + handle));
    }

    public String token(String handle, String password) {
        var body = http.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) body.get("access_token");
    }

    /** Sets the user's first PIN (with the password, as the API requires). */
    public void setPin(User user, String pin) {
        put(user, "/api/me/pin", Map.of("pin", pin, "password", user.password())).exchange().expectStatus().isNoContent();
    }

    /** Waits until the user has at least {@code count} notifications of {@code type} (they arrive through the outbox). */
    @SuppressWarnings("unchecked")
    public void await(User user, String type, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            var body = get(user, "/api/notifications?limit=100").exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            var items = (java.util.List<Map<String, Object>>) body.get("items");
            return items.stream().filter(i -> type.equals(i.get("type"))).count() >= count;
        });
    }

    public WebTestClient.RequestHeadersSpec<?> get(User user, String uri) {
        return http.get().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
    }

    public WebTestClient.RequestHeadersSpec<?> post(User user, String uri, Object body) {
        return http.post().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    public WebTestClient.RequestHeadersSpec<?> put(User user, String uri, Object body) {
        return http.put().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    public WebTestClient.RequestHeadersSpec<?> method(User user, org.springframework.http.HttpMethod method, String uri, Object body) {
        return http.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** The {@code data} of the user's notifications of one type, newest first. */
    @SuppressWarnings("unchecked")
    public java.util.List<Map<String, Object>> notifications(User user, String type) {
        var page = get(user, "/api/notifications?limit=100").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((java.util.List<Map<String, Object>>) page.get("items")).stream()
                .filter(n -> type.equals(n.get("type"))).map(n -> (Map<String, Object>) n.get("data")).toList();
    }

    public WebTestClient.RequestHeadersSpec<?> delete(User user, String uri) {
        return http.delete().uri(uri).header(HttpHeaders.AUTHORIZATION, user.bearer());
    }
}
