package io.piaf.outbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.codec.Interval;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox tables: one event row, one delivery row per interested listener. */
@Component
class OutboxStore {

    static final String CHANNEL = "piaf_outbox";

    /** One round trip: the event, its deliveries, and a NOTIFY that PostgreSQL sends only on commit. */
    private static final String APPEND = """
            with e as (insert into outbox.event (event_id, type, payload) values ($1, $2, $3) returning seq),
                 d as (insert into outbox.delivery (seq, listener) select e.seq, l from e, unnest($4::text[]) as l)
            select pg_notify('%s', '')""".formatted(CHANNEL);

    /**
     * Claims due deliveries for one lease; locked rows (being delivered elsewhere) are skipped, not waited for. Only
     * listeners this instance has are claimed: during a rolling deploy an older instance leaves a new listener's
     * deliveries to the instances that know it.
     */
    private static final String CLAIM = """
            with claimed as (
                update outbox.delivery d set available_at = now() + $1, attempts = d.attempts + 1
                where (d.seq, d.listener) in (
                    select seq, listener from outbox.delivery
                    where available_at <= now() and listener = any($3) order by seq limit $2 for update skip locked)
                returning d.seq, d.listener, d.attempts)
            select c.seq, c.listener, c.attempts, e.event_id, e.type, e.payload, e.occurred_at
            from claimed c join outbox.event e on e.seq = c.seq""";

    record Claimed(long seq, String listener, int attempts, UUID eventId, String type, byte[] payload, Instant occurredAt) {
    }

    record Failing(long seq, String listener, String type, int attempts, Instant nextAttemptAt, String lastError) {
    }

    private final DatabaseClient db;

    OutboxStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> append(UUID eventId, String type, byte[] payload, String[] listeners) {
        return db.sql(APPEND).bind(0, eventId).bind(1, type).bind(2, Json.of(payload)).bind(3, listeners).then();
    }

    Flux<Claimed> claim(int limit, Duration lease, String[] listeners) {
        return db.sql(CLAIM).bind(0, Interval.of(lease)).bind(1, limit).bind(2, listeners)
                .map((row, meta) -> new Claimed(
                        row.get("seq", Long.class),
                        row.get("listener", String.class),
                        row.get("attempts", Integer.class),
                        row.get("event_id", UUID.class),
                        row.get("type", String.class),
                        row.get("payload", Json.class).asArray(),
                        row.get("occurred_at", Instant.class)))
                .all();
    }

    /**
     * Completes a delivery inside the listener's transaction. The attempt number fences out a relay whose lease
     * expired: only the holder of the current claim completes it, and the row lock keeps others away meanwhile.
     */
    Mono<Boolean> complete(Claimed delivery) {
        return db.sql("delete from outbox.delivery where seq = $1 and listener = $2 and attempts = $3")
                .bind(0, delivery.seq()).bind(1, delivery.listener()).bind(2, delivery.attempts())
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Void> retryLater(Claimed delivery, Duration backoff, String error) {
        return db.sql("""
                update outbox.delivery set available_at = now() + $4, last_error = $5
                where seq = $1 and listener = $2 and attempts = $3""")
                .bind(0, delivery.seq()).bind(1, delivery.listener()).bind(2, delivery.attempts())
                .bind(3, Interval.of(backoff)).bind(4, error)
                .then();
    }

    Mono<Long> countPending() {
        return db.sql("select count(*) from outbox.delivery").map(row -> row.get(0, Long.class)).one();
    }

    Mono<Long> countFailing() {
        return db.sql("select count(*) from outbox.delivery where last_error is not null").map(row -> row.get(0, Long.class)).one();
    }

    Flux<Failing> failing(int limit) {
        return db.sql("""
                select d.seq, d.listener, e.type, d.attempts, d.available_at, d.last_error
                from outbox.delivery d join outbox.event e on e.seq = d.seq
                where d.last_error is not null order by d.seq limit $1""")
                .bind(0, limit)
                .map(row -> new Failing(row.get("seq", Long.class), row.get("listener", String.class),
                        row.get("type", String.class), row.get("attempts", Integer.class),
                        row.get("available_at", Instant.class), row.get("last_error", String.class)))
                .all();
    }

    /** Deletes fully delivered events older than the retention; deliveries left keep their event. */
    Mono<Long> purgeDelivered(Duration retention) {
        return db.sql("""
                delete from outbox.event e where e.occurred_at < now() - $1
                and not exists (select 1 from outbox.delivery d where d.seq = e.seq)""")
                .bind(0, Interval.of(retention)).fetch().rowsUpdated();
    }

}
