package io.piaf.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the public API, as an outside app would be: a request either gets an answer or fails. */
final class ChaosClient {

    static final JsonMapper JSON = new JsonMapper();

    record Answer(int status, JsonNode body) {
        boolean is(int expected) {
            return status == expected;
        }

        String text(String field) {
            var node = body == null ? null : body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    ChaosClient(String base) {
        this.base = base;
    }

    /** The answer, or null when the request got none (refused, reset, timed out: its outcome is unknown). */
    Answer send(String method, String path, String token, String idempotencyKey, Object body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15)) // longer than Piaf's idempotency-wait
                    .header("Content-Type", "application/json").header("Accept", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var text = response.body();
            return new Answer(response.statusCode(), text == null || text.isBlank() ? null : jsonOrNull(text));
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * A body that is not JSON (HAProxy's HTML 503 while an instance is down) reads as none: it used to throw out of
     * the load workers, which then stopped silently at the first kill.
     */
    private static JsonNode jsonOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (tools.jackson.core.JacksonException notJson) {
            return null;
        }
    }

    Answer post(String path, String token, String key, Object body) {
        return send("POST", path, token, key, body);
    }

    /**
     * A client's retry of a keyed POST: a key whose request died with the process stays held until its lease runs out,
     * meanwhile Piaf answers 409 {@code idempotency_key_in_use}; the client tries again (up to a minute), as Stripe's
     * clients do.
     */
    Answer retryKeyed(String path, String token, String key, Object body) {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var answer = post(path, token, key, body);
            var inUse = answer != null && "idempotency_key_in_use".equals(answer.text("code"));
            if (answer != null && !inUse || System.nanoTime() > deadline) {
                return answer;
            }
            AuditSql.pause(500);
        }
    }

    Answer put(String path, String token, Object body) {
        return send("PUT", path, token, null, body);
    }

    /** A merchant's access token (client credentials, HTTP Basic), or null when Piaf did not answer with one. */
    String clientToken(String clientId, String secret) {
        try {
            var basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token")).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).get("access_token").asString() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Signs up, takes a token, sets a PIN: a user ready to pay. */
    Map<String, String> person(String handle) {
        post("/api/auth/signup", null, null, Map.of("handle", handle, "password", "chaos-password", "displayName", handle));
        var token = post("/api/auth/token", null, null, Map.of("handle", handle, "password", "chaos-password")).text("access_token");
        put("/api/me/pin", token, Map.of("pin", "1357", "password", "chaos-password"));
        return Map.of("handle", handle, "token", token, "pin", "1357");
    }
}
