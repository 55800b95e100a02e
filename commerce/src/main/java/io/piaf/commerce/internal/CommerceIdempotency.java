package io.piaf.commerce.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} on commerce's money POSTs, with payments' semantics and required: same principal, key and
 * request → the stored 201 replayed; another request → 422 {@code idempotency_key_reused}. The key is stored in the
 * transaction that does the work, so it exists exactly when the work does; a concurrent duplicate fails on the
 * primary key and then replays. Refusals store nothing, so a retry is evaluated afresh.
 */
@Component
class CommerceIdempotency {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final DatabaseClient db;

    CommerceIdempotency(DatabaseClient db) {
        this.db = db;
    }

    /** {@code operation} gets a store function to call inside its transaction with the response body. */
    Mono<String> execute(String principal, String key, String fingerprint, Function<Function<String, Mono<Void>>, Mono<String>> operation) {
        if (key == null) {
            return Mono.error(ProblemException.badRequest("idempotency_key_required", "This call moves money: send an Idempotency-Key header."));
        }
        if (!KEY.matcher(key).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_idempotency_key", "An Idempotency-Key is 1 to 255 visible ASCII characters."));
        }
        var print = sha256(fingerprint);
        return replay(principal, key, print).switchIfEmpty(Mono.defer(() -> operation.apply(body -> store(principal, key, print, body))
                .onErrorResume(DataIntegrityViolationException.class, duplicate -> replay(principal, key, print))));
    }

    private Mono<Void> store(String principal, String key, byte[] fingerprint, String body) {
        return db.sql("insert into commerce.idempotency (principal, key, fingerprint, body) values ($1, $2, $3, $4)")
                .bind(0, principal).bind(1, key).bind(2, fingerprint).bind(3, body).then();
    }

    private Mono<String> replay(String principal, String key, byte[] fingerprint) {
        return db.sql("select fingerprint, body from commerce.idempotency where principal = $1 and key = $2")
                .bind(0, principal).bind(1, key)
                .map(r -> new Object[] { bytes(r.get("fingerprint")), r.get("body", String.class) }).one()
                .flatMap(row -> MessageDigest.isEqual((byte[]) row[0], fingerprint)
                        ? Mono.just((String) row[1])
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
