package io.piaf.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.TransferId;
import io.piaf.payments.WalletId;
import io.piaf.payments.internal.domain.ConfirmationRules;
import io.piaf.payments.internal.domain.PaymentStatus;
import io.r2dbc.postgresql.codec.Interval;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The payments table. Writes are set-based: one statement for a whole batch of creations, completions or ends. */
@Component
class PaymentStore {

    private static final String COLUMNS = """
            p.id, p.payer_id, p.payer_wallet, p.payer_handle, p.payee_id, p.payee_wallet, p.payee_handle, p.payee_kind,
            p.amount, p.currency, p.note, p.requested_visibility, p.source, p.source_id, p.challenge_digest, p.status,
            p.status_reason, p.expires_at, p.created_at, p.decided_at, p.transfer_id, p.receipt_visibility, p.credit_account""";

    /**
     * A batch of new payments, each with the Idempotency-Key of its request when it has one. A key is claimed in the
     * same statement with the response to replay: a concurrent request with the same key waits on the key's unique
     * index until this transaction ends, then finds it. A payment whose key was already taken is not inserted, and
     * neither is one whose post or message already made a payment. Text arrays carry "" for null (nullif).
     */
    private static final String INSERT_ALL = """
            with input as (
                select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::uuid[], $7::text[],
                    $8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                    $16::text[], $17::text[], $18::text[], $19::text[], $21::uuid[])
                as i(id, payer_id, payer_wallet, payer_handle, payee_id, payee_wallet, payee_handle, payee_kind, amount,
                     note, requested_visibility, source, source_id, challenge_digest, expires_at, created_at,
                     idempotency_key, fingerprint, response, credit_account)
            ), claimed as (
                insert into payments.idempotency_key as k (user_id, key, fingerprint, response_status, response_body, completed_at)
                select payer_id, idempotency_key, decode(fingerprint, 'hex'), 201, response, now()
                from input where idempotency_key <> ''
                on conflict (user_id, key) do update set fingerprint = excluded.fingerprint, locked_until = null,
                    response_status = excluded.response_status, response_body = excluded.response_body,
                    completed_at = excluded.completed_at, created_at = now()
                where k.created_at < now() - $20 -- past its retention, a key starts a new life
                returning user_id, key
            ), inserted as (
                insert into payments.payment (id, payer_id, payer_wallet, payer_handle, payee_id, payee_wallet, payee_handle,
                    payee_kind, amount, currency, note, requested_visibility, source, source_id, challenge_digest, status,
                    expires_at, created_at, credit_account)
                select id, payer_id, payer_wallet, payer_handle, payee_id, payee_wallet, payee_handle, payee_kind, amount,
                    'EUR', nullif(note, ''), nullif(requested_visibility, ''), source, nullif(source_id, ''),
                    decode(challenge_digest, 'hex'), 'PENDING_CONFIRMATION', expires_at::timestamptz, created_at::timestamptz,
                    credit_account
                from input i
                where i.idempotency_key = ''
                   or exists (select 1 from claimed c where c.user_id = i.payer_id and c.key = i.idempotency_key)
                on conflict (source, source_id) do nothing
                returning id
            )
            select i.id, exists (select 1 from inserted n where n.id = i.id) as created
            from input i""";

    /**
     * Locks payments for their confirmation, each by its payer, with the payer's wallet: confirmations by one payer
     * queue here, so the PIN tries, the daily total and the funds are each checked by one of them at a time. One
     * statement for a batch; the rows are locked in the order of the wallets' ids (locking follows ORDER BY), so two
     * batches never wait on each other in a circle. NO KEY UPDATE, not UPDATE: a payment being created takes KEY
     * SHARE on both its wallets (its foreign keys) and must not wait for a batch.
     */
    private static final String LOCK_FOR_CONFIRMATION = "select " + COLUMNS + """
            , w.sent_day, w.sent_today, (now() at time zone $3)::date as today, now() as now
            from payments.payment p join payments.wallet w on w.id = p.payer_wallet
            where (p.id, p.payer_id) in (select * from unnest($1::uuid[], $2::uuid[]))
            order by w.id
            for no key update of p, w""";

    /** A new payment, with the Idempotency-Key of its request when it has one (and the response to replay). */
    record NewPayment(PaymentRow row, Key key) {
    }

    record Key(String value, byte[] fingerprint, String response) {
    }

    /** A payment locked for its confirmation, with its payer's wallet (locked too) and the database's clock. */
    record Locked(PaymentRow payment, LocalDate sentDay, long sentToday, LocalDate today, Instant now) {

        long sentSoFarToday() {
            return today.equals(sentDay) ? sentToday : 0;
        }

        ConfirmationRules.Facts facts() {
            return new ConfirmationRules.Facts(payment.status(), payment.expiresAt(), !now.isBefore(payment.expiresAt()),
                    payment.termsMatchChallenge(), payment.amount(), payment.donation(), sentSoFarToday());
        }
    }

    /** A pending payment to end, and how. */
    record Ending(PaymentId id, PaymentStatus status, String reason) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final DatabaseClient db;

    PaymentStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts new payments and claims their keys, in the caller's transaction; emits the ids of those inserted (the
     * others' key was taken, or their source already made a payment).
     */
    Flux<PaymentId> insertAll(List<NewPayment> payments, Duration keyRetention) {
        var rows = payments.stream().map(NewPayment::row).toList();
        return db.sql(INSERT_ALL)
                .bind(0, column(rows, r -> r.id().value(), UUID[]::new))
                .bind(1, column(rows, r -> r.payer().user().value(), UUID[]::new))
                .bind(2, column(rows, r -> r.payer().wallet().value(), UUID[]::new))
                .bind(3, column(rows, r -> r.payer().handle(), String[]::new))
                .bind(4, column(rows, r -> r.payee().user().value(), UUID[]::new))
                .bind(5, column(rows, r -> r.payee().wallet().value(), UUID[]::new))
                .bind(6, column(rows, r -> r.payee().handle(), String[]::new))
                .bind(7, column(rows, r -> r.terms().payeeKind().name(), String[]::new))
                .bind(8, column(rows, r -> r.terms().amount(), Long[]::new))
                .bind(9, column(rows, r -> text(r.terms().note()), String[]::new))
                .bind(10, column(rows, r -> text(r.terms().requestedVisibility()), String[]::new))
                .bind(11, column(rows, r -> r.origin().source().name(), String[]::new))
                .bind(12, column(rows, r -> text(r.origin().sourceId()), String[]::new))
                .bind(13, column(rows, r -> HEX.formatHex(r.terms().challengeDigest()), String[]::new))
                .bind(14, column(rows, r -> r.state().expiresAt().toString(), String[]::new))
                .bind(15, column(rows, r -> r.state().createdAt().toString(), String[]::new))
                .bind(16, column(payments, p -> p.key() == null ? "" : p.key().value(), String[]::new))
                .bind(17, column(payments, p -> p.key() == null ? "" : HEX.formatHex(p.key().fingerprint()), String[]::new))
                .bind(18, column(payments, p -> p.key() == null ? "" : p.key().response(), String[]::new))
                .bind(19, Interval.of(keyRetention))
                .bind(20, column(rows, r -> r.terms().into() == null ? null : r.terms().into().value(), UUID[]::new))
                .map(r -> Map.entry(r.get("id", UUID.class), Boolean.TRUE.equals(r.get("created", Boolean.class))))
                .all()
                .filter(Map.Entry::getValue)
                .map(e -> new PaymentId(e.getKey()));
    }

    Mono<PaymentRow> find(PaymentId id) {
        return db.sql("select " + COLUMNS + " from payments.payment p where p.id = $1").bind(0, id.value())
                .map(PaymentStore::read).one();
    }

    Flux<PaymentRow> findBySources(PaymentSource source, List<String> sourceIds) {
        return db.sql("select " + COLUMNS + " from payments.payment p where p.source = $1 and p.source_id = any($2)")
                .bind(0, source.name()).bind(1, sourceIds.toArray(String[]::new)).map(PaymentStore::read).all();
    }

    /** @param payers each payment's caller, at the same index: only a payer's own payment is locked for them */
    Flux<Locked> lockForConfirmation(List<PaymentId> payments, List<UserId> payers, ZoneId zone) {
        return db.sql(LOCK_FOR_CONFIRMATION)
                .bind(0, payments.stream().map(PaymentId::value).toArray(UUID[]::new))
                .bind(1, payers.stream().map(UserId::value).toArray(UUID[]::new))
                .bind(2, zone.getId())
                .map(r -> {
                    var sent = r.get("sent_today", Long.class);
                    return new Locked(read(r), r.get("sent_day", LocalDate.class), sent == null ? 0 : sent,
                            r.get("today", LocalDate.class), r.get("now", Instant.class));
                })
                .all();
    }

    /**
     * Completes locked payments and adds each to its payer's total of today; one statement for the batch. Emits each
     * completed payment's id and decision time.
     */
    Flux<Map.Entry<PaymentId, Instant>> completeAll(List<PaymentId> payments, List<TransferId> transfers, LocalDate today) {
        return db.sql("""
                with paid as (
                    update payments.payment p set status = 'COMPLETED', decided_at = now(), transfer_id = d.transfer_id
                    from unnest($1::uuid[], $2::uuid[]) as d(id, transfer_id)
                    where p.id = d.id and p.status = 'PENDING_CONFIRMATION'
                    returning p.id, p.payer_wallet, p.amount, p.decided_at
                ), spent as (
                    update payments.wallet w
                    set sent_today = case when w.sent_day = $3 then w.sent_today else 0 end + s.total, sent_day = $3
                    from (select payer_wallet, sum(amount) as total from paid group by payer_wallet) s
                    where w.id = s.payer_wallet
                )
                select id, decided_at from paid""")
                .bind(0, payments.stream().map(PaymentId::value).toArray(UUID[]::new))
                .bind(1, transfers.stream().map(TransferId::value).toArray(UUID[]::new))
                .bind(2, today)
                .map(r -> Map.entry(new PaymentId(r.get("id", UUID.class)), r.get("decided_at", Instant.class)))
                .all();
    }

    /** Ends pending payments (CANCELLED, EXPIRED or FAILED), one statement; emits those that were still pending. */
    Flux<PaymentRow> endAll(List<Ending> endings) {
        return db.sql("""
                update payments.payment p set status = d.status, status_reason = d.reason, decided_at = now()
                from unnest($1::uuid[], $2::text[], $3::text[]) as d(id, status, reason)
                where p.id = d.id and p.status = 'PENDING_CONFIRMATION'
                returning""" + " " + COLUMNS)
                .bind(0, endings.stream().map(e -> e.id().value()).toArray(UUID[]::new))
                .bind(1, endings.stream().map(e -> e.status().name()).toArray(String[]::new))
                .bind(2, endings.stream().map(Ending::reason).toArray(String[]::new))
                .map(PaymentStore::read).all();
    }

    /** Cancels a pending payment whose time has not run out; empty when it was not pending or is due. */
    Mono<PaymentRow> cancel(PaymentId id, String reason) {
        return db.sql("update payments.payment p set status = 'CANCELLED', status_reason = $2, decided_at = now() "
                + "where id = $1 and status = 'PENDING_CONFIRMATION' and expires_at > now() returning " + COLUMNS)
                .bind(0, id.value()).bind(1, reason)
                .map(PaymentStore::read).one();
    }

    /** Expires due payments, oldest first; rows another process holds are left to it. */
    Flux<PaymentRow> expireDue(int limit) {
        return db.sql("""
                update payments.payment p set status = 'EXPIRED', status_reason = 'expired', decided_at = now()
                where p.id in (select id from payments.payment where status = 'PENDING_CONFIRMATION' and expires_at <= now()
                               order by expires_at limit $1 for update skip locked)
                returning""" + " " + COLUMNS)
                .bind(0, limit).map(PaymentStore::read).all();
    }

    /** Keeps the visibility each completed payment's receipt was published with; one statement for a batch. */
    Mono<Void> setReceiptVisibilities(Map<PaymentId, PaymentVisibility> visibilities) {
        if (visibilities.isEmpty()) {
            return Mono.empty();
        }
        var entries = List.copyOf(visibilities.entrySet());
        return db.sql("""
                update payments.payment p set receipt_visibility = v.visibility
                from unnest($1::uuid[], $2::text[]) as v(id, visibility)
                where p.id = v.id and p.status = 'COMPLETED'""")
                .bind(0, column(entries, e -> e.getKey().value(), UUID[]::new))
                .bind(1, column(entries, e -> e.getValue().name(), String[]::new))
                .then();
    }

    private static <T, V> V[] column(List<T> items, Function<T, V> value, java.util.function.IntFunction<V[]> array) {
        return items.stream().map(value).toArray(array);
    }

    private static String text(Object value) {
        return value == null ? "" : value instanceof Enum<?> e ? e.name() : value.toString();
    }

    private static PaymentRow read(Readable r) {
        var requested = r.get("requested_visibility", String.class);
        var receipt = r.get("receipt_visibility", String.class);
        var transfer = r.get("transfer_id", UUID.class);
        var into = r.get("credit_account", UUID.class);
        return new PaymentRow(new PaymentId(r.get("id", UUID.class)),
                new PaymentRow.Side(new UserId(r.get("payer_id", UUID.class)), new WalletId(r.get("payer_wallet", UUID.class)),
                        r.get("payer_handle", String.class)),
                new PaymentRow.Side(new UserId(r.get("payee_id", UUID.class)), new WalletId(r.get("payee_wallet", UUID.class)),
                        r.get("payee_handle", String.class)),
                new PaymentRow.Terms(r.get("amount", Long.class), r.get("currency", String.class), r.get("note", String.class),
                        AccountKind.valueOf(r.get("payee_kind", String.class)),
                        requested == null ? null : PaymentVisibility.valueOf(requested), r.get("challenge_digest", byte[].class),
                        into == null ? null : new AccountId(into)),
                new PaymentRow.Origin(PaymentSource.valueOf(r.get("source", String.class)), r.get("source_id", String.class)),
                new PaymentRow.State(PaymentStatus.valueOf(r.get("status", String.class)), r.get("status_reason", String.class),
                        r.get("created_at", Instant.class), r.get("expires_at", Instant.class), r.get("decided_at", Instant.class),
                        transfer == null ? null : new TransferId(transfer),
                        receipt == null ? null : PaymentVisibility.valueOf(receipt)));
    }
}
