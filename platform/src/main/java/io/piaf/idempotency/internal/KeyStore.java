package io.piaf.idempotency.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.codec.Interval;
import reactor.core.publisher.Mono;

@Component
class KeyStore {

    /**
     * Claims a key for one execution. A new key is inserted; an existing one is taken over only when its request died
     * in flight (lease ran out, same fingerprint), or when it is older than the retention (a new life). A concurrent
     * insert of the same key waits for this one's commit, then sees it: two requests never both own a key.
     */
    private static final String CLAIM = """
            insert into idempotency.key (owner_id, key, fingerprint, locked_until)
            values ($1, $2, $3, now() + $4)
            on conflict (owner_id, key) do update set
                fingerprint = excluded.fingerprint,
                locked_until = excluded.locked_until,
                response_status = null, response_body = null, completed_at = null,
                created_at = case when key.created_at < now() - $5 then now() else key.created_at end
            where key.created_at < now() - $5
               or (key.completed_at is null and key.locked_until < now() and key.fingerprint = excluded.fingerprint)
            returning owner_id""";

    record Stored(byte[] fingerprint, boolean completed, Integer status, String body, Instant lockedUntil, Instant now) {
    }

    private final DatabaseClient db;

    KeyStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Boolean> claim(UUID owner, String key, byte[] fingerprint, Duration lease, Duration retention) {
        return db.sql(CLAIM).bind(0, owner).bind(1, key).bind(2, fingerprint)
                .bind(3, Interval.of(lease)).bind(4, Interval.of(retention))
                .map(r -> r.get(0, UUID.class)).all().hasElements();
    }

    Mono<Stored> find(UUID owner, String key) {
        return db.sql("""
                select fingerprint, completed_at is not null as completed, response_status, response_body, locked_until, now() as now
                from idempotency.key where owner_id = $1 and key = $2""")
                .bind(0, owner).bind(1, key)
                .map(r -> new Stored(r.get("fingerprint", byte[].class), Boolean.TRUE.equals(r.get("completed", Boolean.class)),
                        r.get("response_status", Integer.class), r.get("response_body", String.class),
                        r.get("locked_until", Instant.class), r.get("now", Instant.class)))
                .one();
    }

    /** Stores the response; joins the caller's transaction, so it commits with what the request did. */
    Mono<Void> complete(UUID owner, String key, int status, String body) {
        return db.sql("""
                update idempotency.key set response_status = $3, response_body = $4, completed_at = now(), locked_until = null
                where owner_id = $1 and key = $2 and completed_at is null""")
                .bind(0, owner).bind(1, key).bind(2, status).bind(3, body)
                .then();
    }

    /** Frees a key whose request ended before doing anything, so that a retry runs it. */
    Mono<Void> release(UUID owner, String key) {
        return db.sql("delete from idempotency.key where owner_id = $1 and key = $2 and completed_at is null")
                .bind(0, owner).bind(1, key).then();
    }

    Mono<Long> purgeOlderThan(Duration retention) {
        return db.sql("""
                delete from idempotency.key where (owner_id, key) in (
                    select owner_id, key from idempotency.key where created_at < now() - $1 limit 1000)""")
                .bind(0, Interval.of(retention)).fetch().rowsUpdated();
    }
}
