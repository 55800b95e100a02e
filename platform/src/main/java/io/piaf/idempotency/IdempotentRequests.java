package io.piaf.idempotency;

import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Runs a request once per {@code (owner, Idempotency-Key)}. Keys are 1–255 visible ASCII characters (else 400
 * {@code invalid_idempotency_key}). What is stored is the response of a request that did something (stored by the
 * operation, through its {@link Completion}, inside its own transaction so that it commits with the effect); a
 * request that fails before doing anything stores nothing and frees the key, so a retry runs afresh. A duplicate
 * arriving while the first still runs waits for it (then replays), past the wait 409 {@code idempotency_key_in_use};
 * a key held by a request that died is taken over after its lease.
 */
public interface IdempotentRequests {

    /** The header clients send. */
    String HEADER = "Idempotency-Key";

    /** A response to send, or to replay; {@code replayed} marks a stored one (answer {@code Idempotent-Replayed: true}). */
    record Response(int status, String body, boolean replayed) {
    }

    /**
     * Given to the operation: stores its response, joining the operation's transaction. A refusal that followed an
     * effect is stored with its status and the body {@code {"code","detail","properties":{…}}}; a replay throws it
     * again as a {@code ProblemException}.
     */
    interface Completion {
        Mono<Void> complete(int status, String body);
    }

    /**
     * Runs {@code operation} once per {@code (owner, key)}; without a key it simply runs.
     *
     * @param owner the calling user's id: keys never collide between users
     * @param fingerprint {@link #fingerprint} of the operation's name and its canonical request
     */
    Mono<Response> execute(UUID owner, String key, byte[] fingerprint, Function<Completion, Mono<Response>> operation);

    /**
     * The common case: {@code creation} makes something and gives its JSON, answered 201. It runs once per
     * {@code (owner, key)}, in one transaction with the storing of that answer (the caller's own transactions join it),
     * so the key is kept exactly when the thing exists.
     */
    Mono<Response> created(UUID owner, String key, byte[] fingerprint, Mono<String> creation);

    /** A keyed hash (HMAC-SHA256) of {@code parts}, each length-prefixed so that no two lists collide. */
    byte[] fingerprint(String... parts);
}
