package io.piaf.cards.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.cards.Merchant;
import io.piaf.outbox.ComposedEvent;
import io.piaf.payments.ComposedHold;
import io.piaf.identity.UserId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The issuer's rows: network messages seen (for duplicates) and authorizations. */
@Component
class IssuerStore {

    /** The answer given to a network message. */
    record Answer(boolean approved, UUID authorizationId, String reason) {
    }

    private static final String COLUMNS = """
            id, card_id, user_id, status, amount, held, captured, refunded, currency, merchant_name, mcc, country, channel,
            decline_reason, expired, created_at, updated_at""";

    private static final String INSERT = """
            insert into cards.authorization (id, card_id, user_id, status, amount, held, currency, merchant_name, mcc,
                country, channel, decline_reason, created_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)""";

    private final DatabaseClient db;

    IssuerStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Claims the message id: true when this is the first time it is seen. A duplicate arriving while the first is in
     * flight waits on the primary key until the first commits, and then reads its answer.
     */
    Mono<Boolean> claim(String messageId, String type, byte[] bodyHash) {
        return db.sql("insert into cards.network_message (id, type, body_hash) values ($1, $2, $3) on conflict (id) do nothing")
                .bind(0, messageId).bind(1, type).bind(2, bodyHash)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** A claim of an authorization's message id, and its card locked when the claim is the first. */
    record Claim(boolean first, CardRow card) {
    }

    /**
     * {@link #claim} and the card found by its PAN hash locked, in one round trip and in that order: the card is
     * locked only when the message is new; {@code card} is null when no card has this PAN hash.
     */
    Mono<Claim> claimAndLockCard(String messageId, byte[] bodyHash, byte[] panLookup) {
        return db.sql("with claimed as (insert into cards.network_message (id, type, body_hash) values ($1, 'AUTHORIZATION', $2) "
                + "on conflict (id) do nothing returning id) "
                + "select exists (select 1 from claimed) as first_time, c.* from (values (1)) as one (x) "
                + "left join lateral (select " + CardStore.COLUMNS + " from cards.card "
                + "where pan_lookup = $3 and exists (select 1 from claimed) for no key update) c on true")
                .bind(0, messageId).bind(1, bodyHash).bind(2, panLookup)
                .map(r -> new Claim(Boolean.TRUE.equals(r.get("first_time", Boolean.class)),
                        r.get("id", UUID.class) == null ? null : CardStore.read(r)))
                .one();
    }

    /**
     * What an authorization was decided on, besides the day's spend: the card's status and every control, as one
     * digest. The one-statement approval proceeds only if the locked card still has this digest, so a freeze or a
     * change of controls between the read and the write sends the message down the locked path instead.
     */
    private static final String DECIDED_ON = """
            md5(row(c.status, c.type, c.user_id, c.wallet_id, c.exp_month, c.exp_year, c.cvk_id, c.per_transaction, c.daily,
                c.blocked_mcc, c.online, c.contactless, c.blocked_countries)::text)""";

    /**
     * An authorization message as first seen, read without a lock or a transaction: its earlier answer when the
     * message was already answered, else the card its PAN hash finds (null when none) and what the decision will rest
     * on ({@link #DECIDED_ON}).
     */
    record Sighting(Answer earlier, CardRow card, String decidedOn) {
    }

    /** What {@link #sightAll} looks up for one message: its id and its PAN's lookup hash. */
    record Sight(String messageId, byte[] panLookup) {
    }

    /** A sighting's card, found by the SQL expression {@code panLookup}, when the message {@code m} was not answered. */
    private static String cardUnlessAnswered(String panLookup) {
        return "left join lateral (select " + CardStore.COLUMNS + ", " + DECIDED_ON + " as digest "
                + "from cards.card c where pan_lookup = " + panLookup + ") c on m.id is null";
    }

    Mono<Sighting> sight(Sight sight) {
        return db.sql("select m.id as message_id, m.approved, m.authorization_id, m.reason, c.* "
                + "from (values (1)) as one (x) "
                + "left join cards.network_message m on m.id = $1 "
                + cardUnlessAnswered("$2"))
                .bind(0, sight.messageId()).bind(1, sight.panLookup())
                .map(IssuerStore::sighting)
                .one();
    }

    /**
     * {@link Sighting}s of many messages in one statement, in their order (one read serves a batch under load). Not
     * used for one message: PostgreSQL plans this statement at every call (its cost depends on the arrays' length, so
     * a plan for the length at hand always looks cheaper than the generic one), {@link #sight}'s once per connection.
     */
    Mono<List<Sighting>> sightAll(List<Sight> sights) {
        var messages = sights.stream().map(Sight::messageId).toArray(String[]::new);
        var lookups = sights.stream().map(s -> HexFormat.of().formatHex(s.panLookup())).toArray(String[]::new);
        return db.sql("select i.ord, m.id as message_id, m.approved, m.authorization_id, m.reason, c.* "
                + "from unnest($1::text[], $2::text[]) with ordinality as i (message_id, lookup, ord) "
                + "left join cards.network_message m on m.id = i.message_id "
                + cardUnlessAnswered("decode(i.lookup, 'hex')") + " "
                + "order by i.ord")
                .bind(0, messages).bind(1, lookups)
                .map(IssuerStore::sighting)
                .all().collectList();
    }

    private static Sighting sighting(Readable r) {
        return r.get("message_id", String.class) != null
                ? new Sighting(new Answer(Boolean.TRUE.equals(r.get("approved", Boolean.class)), r.get("authorization_id", UUID.class),
                        r.get("reason", String.class)), null, null)
                : new Sighting(null, r.get("id", UUID.class) == null ? null : CardStore.read(r), r.get("digest", String.class));
    }

    /**
     * An approval in one statement, with no transaction around it (BEGIN and COMMIT would be two more round trips):
     * the card locked if it is still as decided on ({@code decidedOn}) and the day's spend still leaves room for
     * {@code a.amount()}; then the hold (payments' own statement, {@code hold}), the authorization, the card's spend
     * (a single-use card closes), the message claimed with its answer, and the event ({@code event}, the outbox's
     * own append) — all or nothing, as one statement is. True when approved; false when nothing was written (the
     * card changed, the spend or the funds fall short): the caller then takes the locked path, which decides again.
     * A duplicate of a message in flight fails on the message's primary key once the first commits, which rolls back
     * everything this statement did ({@link #isDuplicateClaim}). Not {@link #approveAll} of one: that costs PostgreSQL
     * 2.7 ms where this costs 1.5 (unnesting eighteen arrays, the aggregates around the holds' and events' calls),
     * and a lone message is the common case below a few dozen in flight (measured 2026-12-01: 193 → 155 approved/s
     * at 2 in flight).
     */
    Mono<Boolean> approveAtOnce(String messageId, byte[] bodyHash, AuthorizationRow a, LocalDate today, boolean closeCard,
            String decidedOn, ComposedHold hold, ComposedEvent event) {
        var spec = db.sql("""
                with card as (
                    select id from cards.card c
                    where id = $1 and %s = $2
                      and case when spent_day = $3 then spent_today else 0 end + $4 <= daily
                    for no key update
                ), hold as (
                    select h.hold_remaining from card cross join lateral %s as h
                ), held as (
                    select 1 from hold where hold_remaining is not null
                ), authorization_row as (
                    insert into cards.authorization (id, card_id, user_id, status, amount, held, currency, merchant_name, mcc,
                        country, channel, created_at, updated_at)
                    select $8, $1, $9, 'PENDING', $4, $4, $10, $11, $12, $13, $14, $15, $15 from held
                ), spent as (
                    update cards.card set spent_today = case when spent_day = $3 then spent_today else 0 end + $4,
                        spent_day = $3,
                        status = case when $5 then 'CANCELLED' else status end,
                        cancelled_at = case when $5 then now() else cancelled_at end
                    where id = $1 and exists (select 1 from held)
                ), message as (
                    insert into cards.network_message (id, type, body_hash, approved, authorization_id)
                    select $6, 'AUTHORIZATION', $7, true, $8 from held
                ), event as (
                    select %s as seq from held
                )
                select count(*) as approved from event""".formatted(DECIDED_ON, hold.call(16), event.call(20)))
                .bind(0, a.cardId()).bind(1, decidedOn).bind(2, today).bind(3, a.amount()).bind(4, closeCard)
                .bind(5, messageId).bind(6, bodyHash).bind(7, a.id()).bind(8, a.userId().value()).bind(9, a.currency())
                .bind(10, a.merchant().name()).bind(11, a.merchant().mcc()).bind(12, a.merchant().country())
                .bind(13, a.channel()).bind(14, a.createdAt());
        spec = bindAll(spec, 15, hold.arguments());
        spec = bindAll(spec, 19, event.arguments());
        return spec.map(r -> r.get("approved", Long.class) == 1L).one();
    }

    /** One approval of {@link #approveAll}: what {@link #approveAtOnce} takes for one message. */
    record Approval(String messageId, byte[] bodyHash, AuthorizationRow row, LocalDate today, boolean closeCard, String decidedOn,
            ComposedHold hold, ComposedEvent event) {
    }

    /**
     * {@link #approveAtOnce} for many messages in one statement: each row approved or not on its own, as if alone —
     * which holds because no two approvals of a batch share a card or a wallet (the caller's guarantee: one statement
     * cannot update a row twice). Cards are locked in (wallet, card) order, then the wallets by payments' one call for
     * all the holds ({@link ComposedHold#callOnArrays}, accounts in id order), so two batches never wait on each other
     * in a circle; the events are appended by the outbox's one call ({@link ComposedEvent#callOnArrays}). The result says, in the batch's order, which were approved; an
     * unapproved one wrote nothing and takes the locked path. Any error (a message id claimed meanwhile or twice in
     * the batch) rolls back the whole statement: the caller then sends each approval alone.
     */
    Mono<List<Boolean>> approveAll(List<Approval> batch) {
        var first = batch.getFirst().event();
        if (batch.stream().anyMatch(a -> !a.event().sharesWith(first))) {
            throw new IllegalArgumentException("A batch of approvals appends one type of event");
        }
        var n = batch.size();
        var cards = new UUID[n];
        var decidedOn = new String[n];
        var days = new String[n];
        var amounts = new Long[n];
        var closes = new Boolean[n];
        var messages = new String[n];
        var bodyHashes = new String[n];
        var ids = new UUID[n];
        var users = new UUID[n];
        var merchantNames = new String[n];
        var mccs = new String[n];
        var countries = new String[n];
        var channels = new String[n];
        var createdAt = new String[n];
        var accounts = new UUID[n];
        var memos = new String[n];
        var eventIds = new UUID[n];
        var payloads = new String[n];
        for (var i = 0; i < n; i++) {
            var approval = batch.get(i);
            var a = approval.row();
            cards[i] = a.cardId();
            decidedOn[i] = approval.decidedOn();
            days[i] = approval.today().toString();
            amounts[i] = a.amount();
            closes[i] = approval.closeCard();
            messages[i] = approval.messageId();
            bodyHashes[i] = HexFormat.of().formatHex(approval.bodyHash());
            ids[i] = a.id();
            users[i] = a.userId().value();
            merchantNames[i] = a.merchant().name();
            mccs[i] = a.merchant().mcc();
            countries[i] = a.merchant().country();
            channels[i] = a.channel();
            createdAt[i] = a.createdAt().toString();
            if (!approval.hold().id().value().equals(a.id()) || approval.hold().amount().minorUnits() != a.amount()) {
                throw new IllegalArgumentException("An approval's hold is its authorization's: " + a.id());
            }
            accounts[i] = approval.hold().account().value();
            memos[i] = approval.hold().memo();
            eventIds[i] = approval.event().eventId();
            payloads[i] = approval.event().payload();
        }
        var spec = db.sql("""
                with input as (
                    select * from unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[], $5::boolean[], $6::text[],
                                         $7::text[], $8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[],
                                         $14::timestamptz[], $15::uuid[], $16::text[], $17::uuid[], $18::text[])
                        with ordinality as i (card_id, decided_on, today, amount, close_card, message_id, body_hash, id, user_id,
                                              merchant_name, mcc, country, channel, created_at, account_id, memo, event_id,
                                              payload, ord)
                ), card as materialized (
                    select i.* from input i join cards.card c on c.id = i.card_id
                    where %s = i.decided_on
                      and case when c.spent_day = i.today then c.spent_today else 0 end + i.amount <= c.daily
                    order by c.wallet_id, c.id
                    for no key update of c
                ), held as (
                    select c.* from card c join (
                        select h.* from (select array_agg(id) as ids, array_agg(account_id) as accounts, array_agg(amount) as amounts,
                                                array_agg(memo) as memos from card) a
                        cross join lateral %s as h
                    ) h on h.hold_id = c.id
                    where h.hold_remaining is not null
                ), authorization_row as (
                    insert into cards.authorization (id, card_id, user_id, status, amount, held, currency, merchant_name, mcc,
                        country, channel, created_at, updated_at)
                    select id, card_id, user_id, 'PENDING', amount, amount, 'EUR', merchant_name, mcc, country, channel,
                        created_at, created_at from held
                ), spent as (
                    update cards.card c set spent_today = case when c.spent_day = h.today then c.spent_today else 0 end + h.amount,
                        spent_day = h.today,
                        status = case when h.close_card then 'CANCELLED' else c.status end,
                        cancelled_at = case when h.close_card then now() else c.cancelled_at end
                    from held h where c.id = h.card_id
                ), message as (
                    insert into cards.network_message (id, type, body_hash, approved, authorization_id)
                    select message_id, 'AUTHORIZATION', decode(body_hash, 'hex'), true, id from held
                ), event as (
                    select e.* from (select array_agg(event_id order by ord) as ids, array_agg(payload order by ord) as payloads
                                     from held) a
                    cross join lateral %s as e
                )
                select i.ord, e.appended_event is not null as approved from input i left join event e on e.appended_event = i.event_id
                order by i.ord""".formatted(DECIDED_ON,
                        ComposedHold.callOnArrays("a.ids", "a.accounts", "a.amounts", "a.memos"),
                        ComposedEvent.callOnArrays("a.ids", "a.payloads", 19)))
                .bind(0, cards).bind(1, decidedOn).bind(2, days).bind(3, amounts).bind(4, closes).bind(5, messages)
                .bind(6, bodyHashes).bind(7, ids).bind(8, users).bind(9, merchantNames).bind(10, mccs).bind(11, countries)
                .bind(12, channels).bind(13, createdAt).bind(14, accounts).bind(15, memos).bind(16, eventIds).bind(17, payloads);
        spec = bindAll(spec, 18, first.sharedArguments());
        return spec.map(r -> Boolean.TRUE.equals(r.get("approved", Boolean.class))).all().collectList();
    }

    /** Binds {@code values} from index {@code first} on (0-based); a null is a text (a hold's memo). */
    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, int first, List<Object> values) {
        for (var i = 0; i < values.size(); i++) {
            spec = spec.bind(first + i, Parameter.fromOrEmpty(values.get(i), String.class));
        }
        return spec;
    }

    /**
     * The error of {@link #approveAtOnce} when the same message id committed while it ran: the statement rolled back
     * whole, and the message has its first answer.
     */
    static boolean isDuplicateClaim(Throwable error) {
        return Retries.causedBy(error, r -> "23505".equals(r.getSqlState()) && String.valueOf(r.getMessage()).contains("network_message_pkey"));
    }

    /**
     * An approval's writes on the issuer's side in one statement: the authorization, the card's spend of the day (a
     * single-use card closes) and the message's answer.
     */
    Mono<Void> approve(String messageId, AuthorizationRow a, LocalDate today, boolean closeCard) {
        return db.sql("""
                with authorization_row as (""" + INSERT + """
                ), spent as (
                    update cards.card set spent_today = case when spent_day = $14 then spent_today else 0 end + $5,
                        spent_day = $14,
                        status = case when $15 then 'CANCELLED' else status end,
                        cancelled_at = case when $15 then now() else cancelled_at end
                    where id = $2)
                update cards.network_message set approved = true, authorization_id = $1, reason = null where id = $16""")
                .bind(0, a.id()).bind(1, a.cardId()).bind(2, a.userId().value()).bind(3, a.status()).bind(4, a.amount())
                .bind(5, a.held()).bind(6, a.currency()).bind(7, a.merchant().name()).bind(8, a.merchant().mcc())
                .bind(9, a.merchant().country()).bind(10, a.channel())
                .bind(11, Parameter.fromOrEmpty(a.declineReason(), String.class)).bind(12, a.createdAt())
                .bind(13, today).bind(14, closeCard).bind(15, messageId)
                .then();
    }

    /** A decline on a known card: the authorization kept for the holder and the message's answer, one statement. */
    Mono<Void> decline(String messageId, AuthorizationRow a) {
        return db.sql("with authorization_row as (" + INSERT + """
                )
                update cards.network_message set approved = false, authorization_id = $1, reason = $12 where id = $14""")
                .bind(0, a.id()).bind(1, a.cardId()).bind(2, a.userId().value()).bind(3, a.status()).bind(4, a.amount())
                .bind(5, a.held()).bind(6, a.currency()).bind(7, a.merchant().name()).bind(8, a.merchant().mcc())
                .bind(9, a.merchant().country()).bind(10, a.channel())
                .bind(11, a.declineReason()).bind(12, a.createdAt()).bind(13, messageId)
                .then();
    }

    Mono<Answer> answerOf(String messageId) {
        return db.sql("select approved, authorization_id, reason from cards.network_message where id = $1")
                .bind(0, messageId)
                .map(r -> new Answer(Boolean.TRUE.equals(r.get("approved", Boolean.class)), r.get("authorization_id", UUID.class),
                        r.get("reason", String.class)))
                .one();
    }

    Mono<Void> answer(String messageId, Answer answer) {
        return db.sql("update cards.network_message set approved = $2, authorization_id = $3, reason = $4 where id = $1")
                .bind(0, messageId).bind(1, answer.approved())
                .bind(2, Parameter.fromOrEmpty(answer.authorizationId(), UUID.class))
                .bind(3, Parameter.fromOrEmpty(answer.reason(), String.class)).then();
    }

    /** The authorization an earlier message (by its network id) created, for a reversal that names the message. */
    Mono<UUID> authorizationOfMessage(String messageId) {
        return db.sql("select authorization_id from cards.network_message where id = $1 and authorization_id is not null")
                .bind(0, messageId).map(r -> r.get(0, UUID.class)).one();
    }

    /** The card of an authorization, to lock the card before the authorization (the one lock order). */
    Mono<UUID> cardOf(UUID authorization) {
        return db.sql("select card_id from cards.authorization where id = $1").bind(0, authorization)
                .map(r -> r.get(0, UUID.class)).one();
    }

    Mono<AuthorizationRow> lock(UUID authorization) {
        return db.sql("select " + COLUMNS + " from cards.authorization where id = $1 for no key update")
                .bind(0, authorization).map(IssuerStore::read).one();
    }

    Mono<Void> update(AuthorizationRow a) {
        return db.sql("""
                update cards.authorization set status = $2, amount = $3, held = $4, captured = $5, refunded = $6,
                    expired = $7, updated_at = now()
                where id = $1""")
                .bind(0, a.id()).bind(1, a.status()).bind(2, a.amount()).bind(3, a.held()).bind(4, a.captured())
                .bind(5, a.refunded()).bind(6, a.expired()).then();
    }

    /** Pending authorizations older than {@code before}: their holds expire. */
    Flux<UUID> pendingBefore(Instant before, int limit) {
        return db.sql("select id from cards.authorization where status = 'PENDING' and created_at < $1 order by created_at limit $2")
                .bind(0, before).bind(1, limit).map(r -> r.get(0, UUID.class)).all();
    }

    /** A card's purchases, newest first; {@code before} is the cursor (created_at, id). */
    Flux<AuthorizationRow> ofCard(UUID card, UserId user, Instant beforeAt, UUID beforeId, int limit) {
        return db.sql("select " + COLUMNS + """
                 from cards.authorization where card_id = $1 and user_id = $2
                and ($3::timestamptz is null or (created_at, id) < ($3, $4))
                order by created_at desc, id desc limit $5""")
                .bind(0, card).bind(1, user.value()).bind(2, Parameter.fromOrEmpty(beforeAt, Instant.class))
                .bind(3, Parameter.fromOrEmpty(beforeId, UUID.class)).bind(4, limit)
                .map(IssuerStore::read).all();
    }

    Mono<Long> purgeMessagesBefore(Instant before) {
        return db.sql("delete from cards.network_message where received_at < $1").bind(0, before).fetch().rowsUpdated();
    }

    private static AuthorizationRow read(Readable r) {
        return new AuthorizationRow(r.get("id", UUID.class), r.get("card_id", UUID.class), new UserId(r.get("user_id", UUID.class)),
                r.get("status", String.class), r.get("amount", Long.class), r.get("held", Long.class),
                r.get("captured", Long.class), r.get("refunded", Long.class), r.get("currency", String.class),
                new Merchant(r.get("merchant_name", String.class), r.get("mcc", String.class), r.get("country", String.class)),
                r.get("channel", String.class), r.get("decline_reason", String.class), r.get("expired", Boolean.class),
                r.get("created_at", Instant.class), r.get("updated_at", Instant.class));
    }
}
