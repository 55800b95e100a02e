package io.piaf.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.payments.TopUpId;
import io.piaf.payments.TransferId;
import io.piaf.payments.WalletId;
import io.r2dbc.postgresql.codec.Interval;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class TopUpStore {

    private static final String COLUMNS = """
            t.id, t.user_id, t.wallet_id, w.handle, t.amount, t.card_brand, t.card_last4, t.status, t.failure_code,
            t.idempotency_key, t.created_at""";

    record TopUpRow(TopUpId id, UserId userId, WalletId walletId, String handle, long amount, String cardBrand,
            String cardLast4, String status, String failureCode, String idempotencyKey, Instant createdAt) {
    }

    private final DatabaseClient db;

    TopUpStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records the top-up before the card is charged (so that a crash leaves a trace to settle), or finds the one
     * this user's Idempotency-Key already started.
     */
    Mono<TopUpRow> start(TopUpId id, UserId user, WalletId wallet, long cents, String brand, String last4, byte[] cardFingerprint,
            String key) {
        return db.sql("""
                insert into payments.top_up (id, user_id, wallet_id, amount, currency, card_brand, card_last4, status, idempotency_key,
                    card_fingerprint)
                values ($1, $2, $3, $4, 'EUR', $5, $6, 'PENDING', $7, $8)
                on conflict (user_id, idempotency_key) do nothing""")
                .bind(0, id.value()).bind(1, user.value()).bind(2, wallet.value()).bind(3, cents).bind(4, brand)
                .bind(5, last4).bind(6, Parameter.fromOrEmpty(key, String.class)).bind(7, cardFingerprint)
                .then()
                .then(key == null ? find(id) : findByKey(user, key));
    }

    Mono<TopUpRow> find(TopUpId id) {
        return db.sql("select " + COLUMNS + " from payments.top_up t join payments.wallet w on w.id = t.wallet_id where t.id = $1")
                .bind(0, id.value()).map(TopUpStore::read).one();
    }

    Mono<TopUpRow> findByKey(UserId user, String key) {
        return db.sql("select " + COLUMNS + " from payments.top_up t join payments.wallet w on w.id = t.wallet_id "
                + "where t.user_id = $1 and t.idempotency_key = $2")
                .bind(0, user.value()).bind(1, key).map(TopUpStore::read).one();
    }

    /** Ends a pending top-up; false when it had already ended (another process settled it). */
    Mono<Boolean> decide(TopUpId id, String status, String failureCode, TransferId transfer) {
        return db.sql("""
                update payments.top_up set status = $2, failure_code = $3, transfer_id = $4, decided_at = now()
                where id = $1 and status = 'PENDING'""")
                .bind(0, id.value()).bind(1, status).bind(2, Parameter.fromOrEmpty(failureCode, String.class))
                .bind(3, Parameter.fromOrEmpty(transfer == null ? null : transfer.value(), UUID.class))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /**
     * What the velocity rules look at, over the last 24 h: the account's declines and the card's declines (with when
     * the oldest of each happened, for Retry-After), and what the account topped up since {@code dayStart}
     * (succeeded or still pending).
     */
    record Velocity(long accountDeclines, Instant oldestAccountDecline, long cardDeclines, Instant oldestCardDecline,
            long toppedUpToday) {
    }

    Mono<Velocity> velocity(UserId user, byte[] cardFingerprint, Instant dayStart) {
        return db.sql("""
                select count(*) filter (where user_id = $1 and status = 'DECLINED'),
                       min(created_at) filter (where user_id = $1 and status = 'DECLINED'),
                       count(*) filter (where card_fingerprint = $2 and status = 'DECLINED'),
                       min(created_at) filter (where card_fingerprint = $2 and status = 'DECLINED'),
                       coalesce(sum(amount) filter (where user_id = $1 and status in ('SUCCEEDED', 'PENDING') and created_at >= $3), 0)
                from payments.top_up
                where (user_id = $1 or card_fingerprint = $2) and created_at > now() - interval '1 day'""")
                .bind(0, user.value()).bind(1, cardFingerprint).bind(2, dayStart)
                .map(r -> new Velocity(r.get(0, Long.class), r.get(1, Instant.class), r.get(2, Long.class), r.get(3, Instant.class),
                        ((Number) r.get(4)).longValue()))
                .one();
    }

    /** Top-ups still pending after {@code age}: their process died between the charge and its outcome. */
    Flux<TopUpRow> stale(Duration age, int limit) {
        return db.sql("select " + COLUMNS + " from payments.top_up t join payments.wallet w on w.id = t.wallet_id "
                + "where t.status = 'PENDING' and t.created_at < now() - $1 order by t.created_at limit $2")
                .bind(0, Interval.of(age)).bind(1, limit).map(TopUpStore::read).all();
    }

    private static TopUpRow read(Readable r) {
        return new TopUpRow(new TopUpId(r.get("id", UUID.class)), new UserId(r.get("user_id", UUID.class)),
                new WalletId(r.get("wallet_id", UUID.class)), r.get("handle", String.class), r.get("amount", Long.class),
                r.get("card_brand", String.class), r.get("card_last4", String.class), r.get("status", String.class),
                r.get("failure_code", String.class), r.get("idempotency_key", String.class),
                r.get("created_at", Instant.class));
    }
}
