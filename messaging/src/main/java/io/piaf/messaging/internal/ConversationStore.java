package io.piaf.messaging.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Direct messages: one conversation per pair, stored once with the smaller user id first. */
@Component
class ConversationStore {

    /**
     * One round trip: the message takes its seq first, so that the conversation is created or moved to the top of
     * both inboxes by the same upsert (a row may be written only once per statement).
     */
    private static final String SEND = """
            with s as (
                select nextval(pg_get_serial_sequence('messaging.message', 'seq')) as seq
            ), conversation as (
                insert into messaging.conversation as c (id, user_low, user_high, created_at, last_seq)
                select $1, $2, $3, $4, s.seq from s
                on conflict (user_low, user_high) do update set last_seq = greatest(c.last_seq, excluded.last_seq)
                returning id
            ), message as (
                insert into messaging.message (seq, id, conversation_id, sender_id, text, sent_at) overriding system value
                select s.seq, $5, conversation.id, $6, $7, $4 from s, conversation
                returning conversation_id, seq
            )
            select conversation_id, seq from message""";

    record Sent(UUID conversationId, long seq) {
    }

    record Message(long seq, UUID id, UUID senderId, String text, Instant sentAt) {
    }

    record Summary(UUID id, UUID other, long lastSeq, Message last) {
    }

    private final DatabaseClient db;

    ConversationStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Sent> send(UserId sender, UserId recipient, UUID messageId, String text, Instant at) {
        var pair = pair(sender, recipient);
        return db.sql(SEND).bind(0, UUID.randomUUID()).bind(1, pair[0]).bind(2, pair[1]).bind(3, at)
                .bind(4, messageId).bind(5, sender.value()).bind(6, text)
                .map(row -> new Sent(row.get("conversation_id", UUID.class), row.get("seq", Long.class))).one();
    }

    /** The messages between the two, newest first, older than {@code before}. */
    Flux<Message> thread(UserId one, UserId other, long before, int limit) {
        var pair = pair(one, other);
        return db.sql("""
                select m.seq, m.id, m.sender_id, m.text, m.sent_at from messaging.conversation c
                join messaging.message m on m.conversation_id = c.id
                where c.user_low = $1 and c.user_high = $2 and m.seq < $3
                order by m.seq desc limit $4""")
                .bind(0, pair[0]).bind(1, pair[1]).bind(2, before).bind(3, limit)
                .map(row -> new Message(row.get("seq", Long.class), row.get("id", UUID.class),
                        row.get("sender_id", UUID.class), row.get("text", String.class), row.get("sent_at", Instant.class)))
                .all();
    }

    /** The user's conversations, the most recently active first. */
    Flux<Summary> inbox(UserId user, long before, int limit) {
        return db.sql("""
                select c.id, case when c.user_low = $1 then c.user_high else c.user_low end as other, c.last_seq,
                       m.id as message_id, m.sender_id, m.text, m.sent_at
                from messaging.conversation c join messaging.message m on m.seq = c.last_seq
                where (c.user_low = $1 or c.user_high = $1) and c.last_seq < $2
                order by c.last_seq desc limit $3""")
                .bind(0, user.value()).bind(1, before).bind(2, limit)
                .map(row -> new Summary(row.get("id", UUID.class), row.get("other", UUID.class),
                        row.get("last_seq", Long.class), new Message(row.get("last_seq", Long.class),
                                row.get("message_id", UUID.class), row.get("sender_id", UUID.class),
                                row.get("text", String.class), row.get("sent_at", Instant.class))))
                .all();
    }

    /** The pair in PostgreSQL's uuid order (unsigned bytes; Java's UUID.compareTo compares signed longs). */
    static UUID[] pair(UserId a, UserId b) {
        var x = a.value();
        var y = b.value();
        var msb = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        var first = msb != 0 ? msb < 0 : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits()) < 0;
        return first ? new UUID[] { x, y } : new UUID[] { y, x };
    }
}
