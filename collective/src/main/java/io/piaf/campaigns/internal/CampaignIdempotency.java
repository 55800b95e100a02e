package io.piaf.campaigns.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} on campaigns' money POSTs, with payments' semantics: same key and request → the stored 201,
 * replayed; same key, another request → 422 {@code idempotency_key_reused}. The key is stored in the transaction
 * that creates the operation, so it exists exactly when the operation does; a concurrent duplicate waits on the key's
 * unique index and then replays. Refusals store nothing (they wrote nothing), so a retry is evaluated afresh.
 */
@Component
class CampaignIdempotency {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    record Response(String body, boolean replayed) {
    }

    private final DatabaseClient db;

    CampaignIdempotency(DatabaseClient db) {
        this.db = db;
    }

    /** {@code operation} gets a store function to call inside its transaction with the response body. */
    Mono<Response> execute(UserId user, String key, String fingerprint, Function<Function<String, Mono<Void>>, Mono<String>> operation) {
        if (key == null) {
            return operation.apply(body -> Mono.empty()).map(body -> new Response(body, false));
        }
        if (!KEY.matcher(key).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_idempotency_key", "An Idempotency-Key is 1 to 255 visible ASCII characters."));
        }
        var print = sha256(fingerprint);
        return replay(user, key, print).switchIfEmpty(Mono.defer(() -> operation.apply(body -> store(user, key, print, body))
                .map(body -> new Response(body, false))
                .onErrorResume(DataIntegrityViolationException.class, duplicate -> replay(user, key, print))));
    }

    private Mono<Void> store(UserId user, String key, byte[] fingerprint, String body) {
        return db.sql("insert into campaigns.idempotency (user_id, key, fingerprint, body) values ($1, $2, $3, $4)")
                .bind(0, user.value()).bind(1, key).bind(2, fingerprint).bind(3, body).then();
    }

    private Mono<Response> replay(UserId user, String key, byte[] fingerprint) {
        return db.sql("select fingerprint, body from campaigns.idempotency where user_id = $1 and key = $2")
                .bind(0, user.value()).bind(1, key)
                .map(r -> new Object[] { bytes(r.get("fingerprint")), r.get("body", String.class) }).one()
                .flatMap(row -> MessageDigest.isEqual((byte[]) row[0], fingerprint)
                        ? Mono.just(new Response((String) row[1], true))
                        : Mono.error(ProblemException.unprocessable("idempotency_key_reused",
                                "This Idempotency-Key was used with another request; use a new key for a new request.")));
    }

    private static byte[] bytes(Object value) {
        if (value instanceof java.nio.ByteBuffer buffer) {
            var bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
