package io.piaf.payments.internal;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} with Stripe's semantics, per user: the first request with a key runs; a later one with the
 * same key and the same body gets the same response (status and body) without running again; with another body,
 * 422 {@code idempotency_key_reused}. A duplicate that arrives while the first is still running waits for it (up to
 * {@code idempotency-wait}, then 409 {@code idempotency_key_in_use}). What is stored is the outcome of a request
 * that did something: a success, and a refusal that followed a side effect (a card declined or failed after the
 * charge was attempted). A request refused before anything happened (400 validation, 422 payee unknown, cap,
 * PIN not set) stores nothing — as Stripe does not store a request that failed validation, and as every refused
 * Piaf request writes nothing — so a retry with the key is evaluated afresh.
 */
@Component
class Idempotency {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Duration POLL = Duration.ofMillis(20);

    /** A response to send, or to replay. {@code replayed} marks a stored one. */
    record Response(int status, String body, boolean replayed) {
    }

    /** Given to the operation: stores its response inside the operation's own transaction. */
    interface Completion {
        Mono<Void> complete(int status, String body);
    }

    private final IdempotencyStore store;
    private final PaymentsProperties properties;
    private final JsonMapper json;

    Idempotency(IdempotencyStore store, PaymentsProperties properties, JsonMapper json) {
        this.store = store;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Runs {@code operation} once per {@code (user, key)}; without a key it simply runs. {@code fingerprint} covers
     * the operation's name and its canonical request.
     */
    Mono<Response> execute(UserId user, String key, byte[] fingerprint, Function<Completion, Mono<Response>> operation) {
        if (key == null) {
            return operation.apply((status, body) -> Mono.empty());
        }
        try {
            checkKey(key);
        } catch (ProblemException malformed) {
            return Mono.error(malformed);
        }
        var deadline = Instant.now().plus(properties.idempotencyWait());
        return claim(user, key, fingerprint, deadline).flatMap(owned -> owned
                ? operation.apply((status, body) -> store.complete(user, key, status, body))
                        .onErrorResume(error -> afterFailure(user, key, error))
                : replay(user, key));
    }

    private Mono<Boolean> claim(UserId user, String key, byte[] fingerprint, Instant deadline) {
        return store.claim(user, key, fingerprint, properties.idempotencyLease(), properties.idempotencyRetention())
                .flatMap(owned -> owned ? Mono.just(true) : awaitFirst(user, key, fingerprint, deadline));
    }

    /** Someone holds the key: same body → wait until it finished (then replay); other body → 422. */
    private Mono<Boolean> awaitFirst(UserId user, String key, byte[] fingerprint, Instant deadline) {
        return store.find(user, key)
                .flatMap(stored -> {
                    if (!MessageDigest.isEqual(stored.fingerprint(), fingerprint)) {
                        return Mono.error(ProblemException.unprocessable("idempotency_key_reused",
                                "This Idempotency-Key was used with another request; use a new key for a new request."));
                    }
                    if (stored.completed()) {
                        return Mono.just(false);
                    }
                    if (stored.lockedUntil() != null && stored.lockedUntil().isBefore(stored.now())) {
                        return claim(user, key, fingerprint, deadline);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        return Mono.error(ProblemException.conflict("idempotency_key_in_use",
                                "A request with this Idempotency-Key is still being processed; retry later."));
                    }
                    return Mono.delay(POLL).then(awaitFirst(user, key, fingerprint, deadline));
                })
                // released meanwhile (the first request failed before doing anything): try to own it
                .switchIfEmpty(Mono.defer(() -> claim(user, key, fingerprint, deadline)));
    }

    /** Refuses a malformed key (400 {@code invalid_idempotency_key}); null (no key) passes. */
    static String checkKey(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("invalid_idempotency_key",
                    "An Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID.");
        }
        return key;
    }

    /**
     * The answer to a request whose key an earlier request holds (an operation that claims its key inside its own
     * business transaction, as payment creation does, calls this once it found the key taken): the same body gets the
     * earlier response again, another body 422 {@code idempotency_key_reused}, and a key still held by a request in
     * flight 409 {@code idempotency_key_in_use}.
     */
    Mono<Response> replay(UserId user, String key, byte[] fingerprint) {
        return store.find(user, key)
                .switchIfEmpty(Mono.error(() -> ProblemException.conflict("idempotency_key_in_use",
                        "A request with this Idempotency-Key is still being processed; retry later.")))
                .flatMap(stored -> {
                    if (!MessageDigest.isEqual(stored.fingerprint(), fingerprint)) {
                        return Mono.error(ProblemException.unprocessable("idempotency_key_reused",
                                "This Idempotency-Key was used with another request; use a new key for a new request."));
                    }
                    if (!stored.completed()) {
                        return Mono.error(ProblemException.conflict("idempotency_key_in_use",
                                "A request with this Idempotency-Key is still being processed; retry later."));
                    }
                    return replay(user, key);
                });
    }

    private Mono<Response> replay(UserId user, String key) {
        return store.find(user, key).flatMap(stored -> stored.status() >= 400
                ? Mono.error(problem(stored.status(), stored.body()))
                : Mono.just(new Response(stored.status(), stored.body(), true)));
    }

    /**
     * Frees the key of a request that failed: unless the operation stored its refusal itself (in the transaction
     * that recorded its side effect), a retry runs again.
     */
    private Mono<Response> afterFailure(UserId user, String key, Throwable error) {
        return store.release(user, key).onErrorResume(e -> Mono.empty()).then(Mono.error(error));
    }

    /** How a problem is stored, so that a replay throws the same one. */
    String problemBody(ProblemException problem) {
        var body = new LinkedHashMap<String, Object>();
        body.put("code", problem.code());
        body.put("detail", problem.detail());
        body.put("properties", problem.properties());
        return json.writeValueAsString(body);
    }

    private ProblemException problem(int status, String body) {
        Map<String, Object> stored = json.readValue(body, new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        var properties = (Map<String, Object>) stored.getOrDefault("properties", Map.of());
        return new ProblemException(status, (String) stored.get("code"), (String) stored.get("detail"), properties);
    }
}
