package io.piaf.notifications.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class NotificationStore {

    static final String CHANNEL = "piaf_notifications";

    /**
     * One statement for a batch of notifications, in their order: those not notified before (the event, recipient
     * and type make the key) take the next seqs of their recipient's counter — bumped once per recipient by how many
     * it gets — and NOTIFY (which PostgreSQL sends on commit, to every instance, once per recipient). A concurrent
     * duplicate loses on the unique key; the seq it took stays unused, a gap no reader minds.
     */
    private static final String INSERT_ALL = """
            with input as (
                select distinct on (source_event_id, recipient_id, type) *
                from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) with ordinality as i(recipient_id, type, data, source_event_id, ord)
                order by source_event_id, recipient_id, type, ord
            ), fresh as (
                select i.* from input i where not exists (select 1 from notifications.notification n
                    where n.source_event_id = i.source_event_id and n.recipient_id = i.recipient_id and n.type = i.type)
            ), counts as (
                select recipient_id, count(*) as n from fresh group by recipient_id
            ), counter as (
                insert into notifications.counter as c (recipient_id, last_seq) select recipient_id, n from counts
                on conflict (recipient_id) do update set last_seq = c.last_seq + excluded.last_seq
                returning recipient_id, last_seq
            ), numbered as (
                select f.*, c.last_seq - k.n + row_number() over (partition by f.recipient_id order by f.ord) as seq
                from fresh f join counter c using (recipient_id) join counts k using (recipient_id)
            ), ins as (
                insert into notifications.notification (recipient_id, seq, type, data, source_event_id)
                select recipient_id, seq, type, data::jsonb, source_event_id from numbered
                on conflict do nothing
                returning recipient_id
            )
            select count(*), count(pg_notify('%s', r::text)) from (select distinct recipient_id as r from ins) s""".formatted(CHANNEL);

    private static final String COLUMNS = "seq, type, data, created_at, read_at";

    record Row(long seq, String type, String dataJson, Instant createdAt, boolean read) {
    }

    private final DatabaseClient db;

    NotificationStore(DatabaseClient db) {
        this.db = db;
    }

    /** A notification to write, and the event that caused it. */
    record New(UserId recipient, String type, String dataJson, UUID sourceEventId) {
    }

    /** Inserts those not notified before, in one statement; emits how many were new. */
    Mono<Long> insertAll(List<New> notifications) {
        if (notifications.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql(INSERT_ALL)
                .bind(0, notifications.stream().map(n -> n.recipient().value()).toArray(UUID[]::new))
                .bind(1, notifications.stream().map(New::type).toArray(String[]::new))
                .bind(2, notifications.stream().map(New::dataJson).toArray(String[]::new))
                .bind(3, notifications.stream().map(New::sourceEventId).toArray(UUID[]::new))
                .map(row -> row.get(0, Long.class)).one();
    }

    /** Newest first, older than {@code before}. */
    Flux<Row> page(UserId recipient, long before, int limit) {
        return db.sql("select " + COLUMNS + " from notifications.notification where recipient_id = $1 and seq < $2 "
                + "order by seq desc limit $3")
                .bind(0, recipient.value()).bind(1, before).bind(2, limit).map(NotificationStore::read).all();
    }

    /** Oldest first, newer than {@code after}: what a stream has not sent yet. */
    Flux<Row> after(UserId recipient, long after, int limit) {
        return db.sql("select " + COLUMNS + " from notifications.notification where recipient_id = $1 and seq > $2 "
                + "order by seq limit $3")
                .bind(0, recipient.value()).bind(1, after).bind(2, limit).map(NotificationStore::read).all();
    }

    Mono<Long> lastSeq(UserId recipient) {
        return db.sql("select coalesce(max(seq), 0) from notifications.notification where recipient_id = $1")
                .bind(0, recipient.value()).map(row -> row.get(0, Long.class)).one();
    }

    Mono<Long> unreadCount(UserId recipient) {
        return db.sql("select count(*) from notifications.notification where recipient_id = $1 and read_at is null")
                .bind(0, recipient.value()).map(row -> row.get(0, Long.class)).one();
    }

    /** Marks read the listed notifications and every one up to {@code upTo} (either may be empty). */
    Mono<Long> markRead(UserId recipient, long[] seqs, Long upTo) {
        return db.sql("""
                update notifications.notification set read_at = now()
                where recipient_id = $1 and read_at is null and (seq = any($2) or seq <= $3)""")
                .bind(0, recipient.value()).bind(1, java.util.Arrays.stream(seqs).boxed().toArray(Long[]::new))
                .bind(2, Parameter.fromOrEmpty(upTo, Long.class))
                .fetch().rowsUpdated();
    }

    private static Row read(io.r2dbc.spi.Readable row) {
        return new Row(row.get("seq", Long.class), row.get("type", String.class), row.get("data", Json.class).asString(),
                row.get("created_at", Instant.class), row.get("read_at", Instant.class) != null);
    }
}
