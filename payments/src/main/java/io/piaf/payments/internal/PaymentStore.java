package io.piaf.payments.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.TransferId;
import io.piaf.payments.WalletId;
import io.piaf.payments.internal.domain.PaymentStatus;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class PaymentStore {

    private static final String COLUMNS = """
            p.id, p.payer_id, p.payer_wallet, p.payer_handle, p.payee_id, p.payee_wallet, p.payee_handle, p.payee_kind,
            p.amount, p.currency, p.note, p.requested_visibility, p.source, p.source_id, p.challenge_digest, p.status,
            p.status_reason, p.expires_at, p.created_at, p.decided_at, p.transfer_id, p.receipt_visibility""";

    /** A payment locked for its confirmation, with its payer's wallet (locked too) and the database's clock. */
    record Locked(PaymentRow payment, LocalDate sentDay, long sentToday, LocalDate today, Instant now) {

        long sentSoFarToday() {
            return today.equals(sentDay) ? sentToday : 0;
        }

        boolean expired() {
            return !now.isBefore(payment.expiresAt());
        }
    }

    private final DatabaseClient db;

    PaymentStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts a new payment; false when its post or message already made one. */
    Mono<Boolean> insert(PaymentRow p) {
        return db.sql("""
                insert into payments.payment (id, payer_id, payer_wallet, payer_handle, payee_id, payee_wallet, payee_handle,
                    payee_kind, amount, currency, note, requested_visibility, source, source_id, challenge_digest, status,
                    expires_at, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'PENDING_CONFIRMATION', $16, $17)
                on conflict (source, source_id) do nothing""")
                .bind(0, p.id().value()).bind(1, p.payerId().value()).bind(2, p.payerWallet().value())
                .bind(3, p.payerHandle()).bind(4, p.payeeId().value()).bind(5, p.payeeWallet().value())
                .bind(6, p.payeeHandle()).bind(7, p.payeeKind().name()).bind(8, p.amount()).bind(9, p.currency())
                .bind(10, Parameter.fromOrEmpty(p.note(), String.class))
                .bind(11, Parameter.fromOrEmpty(p.requestedVisibility() == null ? null : p.requestedVisibility().name(), String.class))
                .bind(12, p.source().name()).bind(13, Parameter.fromOrEmpty(p.sourceId(), String.class))
                .bind(14, p.challengeDigest()).bind(15, p.expiresAt()).bind(16, p.createdAt())
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<PaymentRow> find(PaymentId id) {
        return db.sql("select " + COLUMNS + " from payments.payment p where p.id = $1").bind(0, id.value())
                .map(PaymentStore::read).one();
    }

    Mono<PaymentRow> findBySource(PaymentSource source, String sourceId) {
        return db.sql("select " + COLUMNS + " from payments.payment p where p.source = $1 and p.source_id = $2")
                .bind(0, source.name()).bind(1, sourceId).map(PaymentStore::read).one();
    }

    /**
     * Locks the payer's payment and wallet for the confirmation: confirmations by one payer queue here, so the PIN
     * tries, the daily total and the funds are each checked by one of them at a time. NO KEY UPDATE, not UPDATE:
     * a payment being created takes KEY SHARE on both its wallets (its foreign keys), and a batch of confirmations
     * holding FOR UPDATE on one of them while a creation holds KEY SHARE on another would deadlock.
     */
    Mono<Locked> lockForConfirmation(PaymentId id, UserId payer, ZoneId zone) {
        return db.sql("select " + COLUMNS + """
                , w.sent_day, w.sent_today, (now() at time zone $3)::date as today, now() as now
                from payments.payment p join payments.wallet w on w.id = p.payer_wallet
                where p.id = $1 and p.payer_id = $2
                for no key update""")
                .bind(0, id.value()).bind(1, payer.value()).bind(2, zone.getId())
                .map(PaymentStore::locked)
                .one();
    }

    private static Locked locked(Readable r) {
        var sent = r.get("sent_today", Long.class);
        return new Locked(read(r), r.get("sent_day", LocalDate.class), sent == null ? 0 : sent,
                r.get("today", LocalDate.class), r.get("now", Instant.class));
    }

    /**
     * Locks a batch of payments for their confirmation, each by its payer: the payers' wallets first (by id), then
     * the payments. Two statements for the whole batch. (A single confirmation locks its payment and wallet in one
     * statement, in whatever order the join takes: batches and singles of one lane never overlap, across instances a
     * deadlock is possible and retried.)
     *
     * @param payments the payments to confirm; {@code payers} holds each one's caller, at the same index
     */
    Flux<Locked> lockForConfirmations(List<PaymentId> payments, List<UserId> payers, ZoneId zone) {
        var ids = payments.stream().map(PaymentId::value).toArray(UUID[]::new);
        var callers = payers.stream().map(UserId::value).toArray(UUID[]::new);
        var wallets = db.sql("select id from payments.wallet where user_id = any($1) order by id for no key update")
                .bind(0, callers).fetch().rowsUpdated();
        var locked = db.sql("select " + COLUMNS + """
                , w.sent_day, w.sent_today, (now() at time zone $3)::date as today, now() as now
                from payments.payment p join payments.wallet w on w.id = p.payer_wallet
                where (p.id, p.payer_id) in (select * from unnest($1::uuid[], $2::uuid[]))
                for no key update of p""")
                .bind(0, ids).bind(1, callers).bind(2, zone.getId())
                .map(PaymentStore::locked)
                .all();
        return wallets.thenMany(locked);
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

    /** Completes a locked payment and adds it to its payer's total of today; one statement. */
    Mono<Instant> complete(PaymentId id, TransferId transfer, LocalDate today) {
        return db.sql("""
                with paid as (
                    update payments.payment set status = 'COMPLETED', decided_at = now(), transfer_id = $2
                    where id = $1 and status = 'PENDING_CONFIRMATION'
                    returning payer_wallet, amount, decided_at)
                update payments.wallet w
                set sent_today = case when w.sent_day = $3 then w.sent_today else 0 end + paid.amount, sent_day = $3
                from paid where w.id = paid.payer_wallet
                returning paid.decided_at""")
                .bind(0, id.value()).bind(1, transfer.value()).bind(2, today)
                .map(r -> r.get(0, Instant.class)).one();
    }

    /**
     * Ends a pending payment as {@code status} (CANCELLED, EXPIRED or FAILED). {@code onlyIfExpired}: only when its
     * time ran out; otherwise only while it has not. Empty when it was not pending (or the clock said otherwise).
     */
    Mono<PaymentRow> end(PaymentId id, PaymentStatus status, String reason, Boolean onlyIfExpired) {
        var clock = onlyIfExpired == null ? "" : onlyIfExpired ? " and expires_at <= now()" : " and expires_at > now()";
        return db.sql("update payments.payment p set status = $2, status_reason = $3, decided_at = now() "
                + "where id = $1 and status = 'PENDING_CONFIRMATION'" + clock + " returning " + COLUMNS)
                .bind(0, id.value()).bind(1, status.name()).bind(2, reason)
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

    Mono<Void> setReceiptVisibility(PaymentId id, PaymentVisibility visibility) {
        return db.sql("update payments.payment set receipt_visibility = $2 where id = $1 and status = 'COMPLETED'")
                .bind(0, id.value()).bind(1, visibility.name()).then();
    }

    private static PaymentRow read(Readable r) {
        var requested = r.get("requested_visibility", String.class);
        var receipt = r.get("receipt_visibility", String.class);
        var transfer = r.get("transfer_id", UUID.class);
        return new PaymentRow(new PaymentId(r.get("id", UUID.class)), new UserId(r.get("payer_id", UUID.class)),
                new WalletId(r.get("payer_wallet", UUID.class)), r.get("payer_handle", String.class),
                new UserId(r.get("payee_id", UUID.class)), new WalletId(r.get("payee_wallet", UUID.class)),
                r.get("payee_handle", String.class), AccountKind.valueOf(r.get("payee_kind", String.class)),
                r.get("amount", Long.class), r.get("currency", String.class), r.get("note", String.class),
                requested == null ? null : PaymentVisibility.valueOf(requested),
                PaymentSource.valueOf(r.get("source", String.class)), r.get("source_id", String.class),
                r.get("challenge_digest", byte[].class), PaymentStatus.valueOf(r.get("status", String.class)),
                r.get("status_reason", String.class), r.get("expires_at", Instant.class), r.get("created_at", Instant.class),
                r.get("decided_at", Instant.class), transfer == null ? null : new TransferId(transfer),
                receipt == null ? null : PaymentVisibility.valueOf(receipt));
    }
}
