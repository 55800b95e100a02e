package io.piaf.outbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /**
     * One round trip for all the events of a transaction: the events in the order they were appended, one delivery
     * per (event, listener), and a NOTIFY that PostgreSQL sends only on commit.
     */
    private static final String APPEND = """
            with input as (
                select * from unnest($1::uuid[], $2::text[], $3::text[], $7::int[]) with ordinality as i(event_id, type, payload, version, ord)
            ), e as (
                insert into outbox.event (event_id, type, payload, schema_version)
                select event_id, type, payload::jsonb, version from input order by ord
                returning seq, event_id
            ), d as (
                insert into outbox.delivery (seq, listener)
                select e.seq, l.listener from unnest($4::uuid[], $5::text[]) as l(event_id, listener) join e using (event_id)
            )
            select pg_notify('%s', $6)""".formatted(CHANNEL);

    /**
     * What a commit's NOTIFY tells the other instances: who committed, and which listeners got deliveries, so that their
     * relays go to those listeners only. Without the list (it would not fit a NOTIFY) a relay takes a full look. With
     * two instances, a full look of every module on every commit of the other one cut pay-by-post throughput to a
     * third of one instance's.
     */
    record WakeUp(String instanceId, java.util.Set<String> listeners) {

        private static final int MAX_PAYLOAD = 7_900; // PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more

        static String payload(String instanceId, String[] listeners) {
            var payload = instanceId + " " + String.join(",", new java.util.TreeSet<>(java.util.List.of(listeners)));
            return payload.length() > MAX_PAYLOAD ? instanceId : payload;
        }

        static WakeUp parse(String payload) {
            var space = payload.indexOf(' ');
            if (space < 0) {
                return new WakeUp(payload, java.util.Set.of());
            }
            var listeners = payload.substring(space + 1);
            return new WakeUp(payload.substring(0, space), listeners.isEmpty() ? java.util.Set.of() : java.util.Set.of(listeners.split(",")));
        }

        boolean fullLook() {
            return listeners.isEmpty();
        }
    }

    /** An event to append, with the listeners that get a delivery of it. */
    record NewEvent(UUID eventId, String type, int version, String payload, String[] listeners) {
    }

    /** The end of a claim: deletes the deliveries its {@code due} rows locked, and returns them with their events. */
    private static final String DELETE_DUE = """
            claimed as (
                delete from outbox.delivery d using due where d.ctid = due.ctid
                returning d.seq, d.listener, d.attempts)
            select c.seq, c.listener, c.attempts, e.event_id, e.type, e.schema_version, e.payload, e.occurred_at
            from claimed c join outbox.event e on e.seq = c.seq order by c.seq""";

    /**
     * Claims a listener's due deliveries, oldest first. Rows another relay is delivering are locked by its transaction
     * and skipped, not waited for. The claimed rows are deleted by the row address they were locked at: deleting them by
     * {@code (seq, listener) in (...)} let the planner look each one up through {@code delivery_due}, an index that does
     * not lead with seq — 177 ms a claim of 128 under a backlog of 35,000 (issue 18's month close), 2.4 ms this way.
     */
    private static final String CLAIM_DUE = """
            with due as (
                select ctid from outbox.delivery
                where listener = $2 and available_at <= now() order by seq limit $1 for update skip locked),
            """ + DELETE_DUE;

    /**
     * An ordered listener's claim: due deliveries in event order, stopping before the first one that waits for a retry.
     * No SKIP LOCKED: a second relay waits for the first one's batch instead of sending later events alongside it.
     */
    private static final String CLAIM_DUE_IN_ORDER = """
            with due as (
                select ctid from outbox.delivery
                where listener = $2 and available_at <= now()
                  and seq < coalesce((select min(seq) from outbox.delivery
                                      where listener = $2 and available_at > now()), 9223372036854775807)
                order by seq limit $1 for update),
            """ + DELETE_DUE;

    private static final String CLAIM_ONE = """
            with claimed as (
                delete from outbox.delivery where seq = $1 and listener = $2 returning seq, listener, attempts)
            select c.seq, c.listener, c.attempts, e.event_id, e.type, e.schema_version, e.payload, e.occurred_at
            from claimed c join outbox.event e on e.seq = c.seq""";

    /** @param attempts failed attempts before this one */
    record Claimed(long seq, String listener, int attempts, UUID eventId, String type, int version, byte[] payload,
            Instant occurredAt) {
    }

    record Failing(long seq, String listener, String type, int attempts, Instant nextAttemptAt, String lastError) {
    }

    private final DatabaseClient db;

    OutboxStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> append(List<NewEvent> events, String instanceId) {
        var deliveries = events.stream().mapToInt(e -> e.listeners().length).sum();
        var deliveryEvents = new UUID[deliveries];
        var deliveryListeners = new String[deliveries];
        var i = 0;
        for (var event : events) {
            for (var listener : event.listeners()) {
                deliveryEvents[i] = event.eventId();
                deliveryListeners[i++] = listener;
            }
        }
        return db.sql(APPEND)
                .bind(0, events.stream().map(NewEvent::eventId).toArray(UUID[]::new))
                .bind(1, events.stream().map(NewEvent::type).toArray(String[]::new))
                .bind(2, events.stream().map(NewEvent::payload).toArray(String[]::new))
                .bind(3, deliveryEvents).bind(4, deliveryListeners).bind(5, WakeUp.payload(instanceId, deliveryListeners))
                .bind(6, events.stream().map(NewEvent::version).toArray(Integer[]::new))
                .then();
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
        return db.sql(CLAIM_DUE).bind(0, limit).bind(1, listener).map(OutboxStore::claimed).all();
    }

    /** Inside a transaction: takes up to {@code limit} due deliveries of an ordered listener, never past a waiting one. */
    Flux<Claimed> claimDueInOrder(String listener, int limit) {
        return db.sql(CLAIM_DUE_IN_ORDER).bind(0, limit).bind(1, listener).map(OutboxStore::claimed).all();
    }

    /** Inside a transaction: takes one delivery if it is still there. */
    Mono<Claimed> claim(long seq, String listener) {
        return db.sql(CLAIM_ONE).bind(0, seq).bind(1, listener).map(OutboxStore::claimed).one();
    }

    /**
     * Inside the listener's transaction: marks these events received from a broker by this listener and emits the ids
     * it had not received before (one statement for a whole poll's records).
     */
    Flux<UUID> markReceived(String listener, UUID[] eventIds) {
        return db.sql("""
                insert into outbox.inbox (listener, event_id) select $1, unnest($2::uuid[])
                on conflict do nothing returning event_id""")
                .bind(0, listener).bind(1, eventIds).map(row -> row.get(0, UUID.class)).all();
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

    /** Forgets the records received from Kafka before {@code retention} ago (the inbox rows that dedupe them). */
    Mono<Long> purgeInbox(Duration retention) {
        return db.sql("delete from outbox.inbox where received_at < now() - $1")
                .bind(0, Interval.of(retention)).fetch().rowsUpdated();
    }

    private static Claimed claimed(Readable row) {
        return new Claimed(
                row.get("seq", Long.class),
                row.get("listener", String.class),
                row.get("attempts", Integer.class),
                row.get("event_id", UUID.class),
                row.get("type", String.class),
                row.get("schema_version", Integer.class),
                row.get("payload", Json.class).asArray(),
                row.get("occurred_at", Instant.class));
    }
}
