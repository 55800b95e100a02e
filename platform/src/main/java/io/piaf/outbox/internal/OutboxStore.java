package io.piaf.outbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.codec.Interval;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The outbox tables: one event row, one delivery row per interested listener. A delivery is claimed by deleting its
 * row inside the transaction that runs the listener: commit makes effect and completion durable together, and a
 * rollback (or a crash, which PostgreSQL turns into one) puts the delivery back with no lease to wait for.
 */
@Component
class OutboxStore {

    static final String CHANNEL = "piaf_outbox";

    /** One round trip: the event, its deliveries, and a NOTIFY that PostgreSQL sends only on commit. */
    private static final String APPEND = """
            with e as (insert into outbox.event (event_id, type, payload) values ($1, $2, $3) returning seq),
                 d as (insert into outbox.delivery (seq, listener) select e.seq, l from e, unnest($4::text[]) as l)
            select pg_notify('%s', $5)""".formatted(CHANNEL);

    /**
     * Claims due deliveries of the listeners this instance has (during a rolling deploy an older instance leaves a
     * new listener's deliveries to the instances that know it). Rows another relay is delivering are locked by its
     * transaction and skipped, not waited for.
     */
    private static final String CLAIM_DUE = """
            with claimed as (
                delete from outbox.delivery d where (d.seq, d.listener) in (
                    select seq, listener from outbox.delivery
                    where available_at <= now() and listener = any($2) order by seq limit $1 for update skip locked)
                returning d.seq, d.listener, d.attempts)
            select c.seq, c.listener, c.attempts, e.event_id, e.type, e.payload, e.occurred_at
            from claimed c join outbox.event e on e.seq = c.seq order by c.seq""";

    private static final String CLAIM_ONE = """
            with claimed as (
                delete from outbox.delivery where seq = $1 and listener = $2 returning seq, listener, attempts)
            select c.seq, c.listener, c.attempts, e.event_id, e.type, e.payload, e.occurred_at
            from claimed c join outbox.event e on e.seq = c.seq""";

    /** @param attempts failed attempts before this one */
    record Claimed(long seq, String listener, int attempts, UUID eventId, String type, byte[] payload, Instant occurredAt) {
    }

    record Failing(long seq, String listener, String type, int attempts, Instant nextAttemptAt, String lastError) {
    }

    private final DatabaseClient db;

    OutboxStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> append(UUID eventId, String type, byte[] payload, String[] listeners, String instanceId) {
        return db.sql(APPEND).bind(0, eventId).bind(1, type).bind(2, Json.of(payload)).bind(3, listeners)
                .bind(4, instanceId).then();
    }

    /** The listeners with due deliveries, looking at the oldest due ones only so a backlog costs no full scan. */
    Flux<String> listenersWithDueDeliveries(String[] listeners) {
        return db.sql("""
                select listener from (
                    select listener from outbox.delivery
                    where available_at <= now() and listener = any($1) order by seq limit 1000) due
                group by listener""")
                .bind(0, listeners).map(row -> row.get(0, String.class)).all();
    }

    /** Inside a transaction: takes up to {@code limit} due deliveries of one listener, in event order. */
    Flux<Claimed> claimDue(String listener, int limit) {
        return db.sql(CLAIM_DUE).bind(0, limit).bind(1, new String[] { listener }).map(OutboxStore::claimed).all();
    }

    /** Inside a transaction: takes one delivery if it is still there. */
    Mono<Claimed> claim(long seq, String listener) {
        return db.sql(CLAIM_ONE).bind(0, seq).bind(1, listener).map(OutboxStore::claimed).one();
    }

    Mono<Void> recordFailure(Claimed delivery, Duration backoff, String error) {
        return db.sql("""
                update outbox.delivery set attempts = attempts + 1, available_at = now() + $3, last_error = $4
                where seq = $1 and listener = $2""")
                .bind(0, delivery.seq()).bind(1, delivery.listener())
                .bind(2, Interval.of(backoff)).bind(3, error)
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

    private static Claimed claimed(Readable row) {
        return new Claimed(
                row.get("seq", Long.class),
                row.get("listener", String.class),
                row.get("attempts", Integer.class),
                row.get("event_id", UUID.class),
                row.get("type", String.class),
                row.get("payload", Json.class).asArray(),
                row.get("occurred_at", Instant.class));
    }
}
