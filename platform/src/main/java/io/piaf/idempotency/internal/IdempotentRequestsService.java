package io.piaf.idempotency.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.platform.secrets.SecretStore;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same semantics as payments' own Idempotency (which predates this module), for every other module. A refusal is
 * stored only when the operation stores it itself (through {@link Completion}), i.e. when it followed an effect.
 */
@Service
class IdempotentRequestsService implements IdempotentRequests {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Duration POLL = Duration.ofMillis(20);

    private final KeyStore store;
    private final IdempotencyProperties properties;
    private final JsonMapper json;
    private final SecretKeySpec fingerprintKey;
    private final TransactionalOperator transactional;

    IdempotentRequestsService(KeyStore store, IdempotencyProperties properties, JsonMapper json, SecretStore secrets,
            ReactiveTransactionManager transactions) {
        this.store = store;
        this.transactional = TransactionalOperator.create(transactions);
        this.properties = properties;
        this.json = json;
        var base64 = secrets.get("fingerprint-key", properties.fingerprintKey(), "PIAF_IDEMPOTENCY_FINGERPRINT_KEY",
                IdempotentRequestsService::randomKey);
        this.fingerprintKey = new SecretKeySpec(Base64.getDecoder().decode(base64), "HmacSHA256");
    }

    @Override
    public Mono<Response> execute(UUID owner, String key, byte[] fingerprint, Function<Completion, Mono<Response>> operation) {
        if (key == null) {
            return Mono.defer(() -> operation.apply((status, body) -> Mono.empty()));
        }
        if (!KEY.matcher(key).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_idempotency_key",
                    "An Idempotency-Key is 1 to 255 visible ASCII characters, e.g. a UUID."));
        }
        var deadline = Instant.now().plus(properties.duplicateWait());
        return claim(owner, key, fingerprint, deadline).flatMap(owned -> owned
                ? Mono.defer(() -> operation.apply((status, body) -> store.complete(owner, key, status, body)))
                        .onErrorResume(error -> store.release(owner, key).onErrorResume(e -> Mono.empty()).then(Mono.error(error)))
                : replay(owner, key));
    }

    @Override
    public Mono<Response> created(UUID owner, String key, byte[] fingerprint, Mono<String> creation) {
        return execute(owner, key, fingerprint, completion -> transactional.transactional(
                creation.flatMap(body -> completion.complete(201, body).thenReturn(new Response(201, body, false)))));
    }

    private Mono<Boolean> claim(UUID owner, String key, byte[] fingerprint, Instant deadline) {
        return store.claim(owner, key, fingerprint, properties.lease(), properties.retention())
                .flatMap(owned -> owned ? Mono.just(true) : awaitFirst(owner, key, fingerprint, deadline));
    }

    /** Someone holds the key: same request → wait until it finished (then replay); another request → 422. */
    private Mono<Boolean> awaitFirst(UUID owner, String key, byte[] fingerprint, Instant deadline) {
        return store.find(owner, key)
                .flatMap(stored -> {
                    if (!MessageDigest.isEqual(stored.fingerprint(), fingerprint)) {
                        return Mono.error(ProblemException.unprocessable("idempotency_key_reused",
                                "This Idempotency-Key was used with another request; use a new key for a new request."));
                    }
                    if (stored.completed()) {
                        return Mono.just(false);
                    }
                    if (stored.lockedUntil() != null && stored.lockedUntil().isBefore(stored.now())) {
                        return claim(owner, key, fingerprint, deadline);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        return Mono.error(ProblemException.conflict("idempotency_key_in_use",
                                "A request with this Idempotency-Key is still being processed; retry later."));
                    }
                    return Mono.delay(POLL).then(awaitFirst(owner, key, fingerprint, deadline));
                })
                // released meanwhile (the first request failed before doing anything): try to own it
                .switchIfEmpty(Mono.defer(() -> claim(owner, key, fingerprint, deadline)));
    }

    private Mono<Response> replay(UUID owner, String key) {
        return store.find(owner, key).flatMap(stored -> stored.status() >= 400
                ? Mono.error(problem(stored.status(), stored.body()))
                : Mono.just(new Response(stored.status(), stored.body(), true)));
    }

    private ProblemException problem(int status, String body) {
        Map<String, Object> stored = json.readValue(body, new TypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        var extra = (Map<String, Object>) stored.getOrDefault("properties", Map.of());
        return new ProblemException(status, (String) stored.get("code"), (String) stored.get("detail"), extra);
    }

    @Override
    public byte[] fingerprint(String... parts) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            for (var part : parts) {
                var bytes = (part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8);
                mac.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                mac.update(bytes);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomKey() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
