package io.piaf.notifications.internal;

import java.time.Instant;
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
     * One round trip: unless this (event, recipient, type) exists, take the recipient's next seq, insert, and NOTIFY
     * (which PostgreSQL sends on commit, to every instance). A concurrent duplicate loses on the unique key; the seq
     * it took stays unused, a gap no reader minds.
     */
    private static final String INSERT = """
            with fresh as (
                select 1 where not exists (select 1 from notifications.notification
                    where source_event_id = $4 and recipient_id = $1 and type = $2)
            ), counter as (
                insert into notifications.counter as c (recipient_id, last_seq) select $1, 1 from fresh
                on conflict (recipient_id) do update set last_seq = c.last_seq + 1
                returning last_seq
            ), ins as (
                insert into notifications.notification (recipient_id, seq, type, data, source_event_id)
                select $1, counter.last_seq, $2, $3, $4 from counter
                on conflict do nothing
                returning seq
            )
            select seq, pg_notify('%s', $1::text) from ins""".formatted(CHANNEL);

    private static final String COLUMNS = "seq, type, data, created_at, read_at";

    record Row(long seq, String type, String dataJson, Instant createdAt, boolean read) {
    }

    private final DatabaseClient db;

    NotificationStore(DatabaseClient db) {
        this.db = db;
    }

    /** Emits the new notification's seq; empty when it existed already. */
    Mono<Long> insert(UserId recipient, String type, String dataJson, UUID sourceEventId) {
        return db.sql(INSERT).bind(0, recipient.value()).bind(1, type).bind(2, Json.of(dataJson)).bind(3, sourceEventId)
                .map(row -> row.get("seq", Long.class)).one();
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
