package io.piaf.commerce.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.piaf.commerce.CheckoutSessionId;
import io.piaf.commerce.MerchantId;
import io.piaf.commerce.internal.domain.Checkouts.Status;
import io.piaf.identity.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** commerce.checkout_session and commerce.refund. */
@Repository
class SessionStore {

    record Session(CheckoutSessionId id, MerchantId merchantId, Status status, long amount, String lineItems, String reference,
            String metadata, String successUrl, String cancelUrl, Instant expiresAt, UserId payerId, UUID paymentId,
            long refunded, Instant createdAt, Instant completedAt) {
    }

    private final DatabaseClient db;

    SessionStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(Session s) {
        var spec = db.sql("""
                insert into commerce.checkout_session (id, merchant_id, status, amount, line_items, reference, metadata,
                    success_url, cancel_url, expires_at, created_at)
                values (:id, :merchant, 'OPEN', :amount, cast(:items as jsonb), :reference, cast(:metadata as jsonb),
                    :success, :cancel, :expires, :created)""")
                .bind("id", s.id().value()).bind("merchant", s.merchantId().value()).bind("amount", s.amount())
                .bind("items", s.lineItems()).bind("metadata", s.metadata()).bind("success", s.successUrl())
                .bind("cancel", s.cancelUrl()).bind("expires", utc(s.expiresAt())).bind("created", utc(s.createdAt()));
        spec = s.reference() == null ? spec.bindNull("reference", String.class) : spec.bind("reference", s.reference());
        return spec.then();
    }

    Mono<Session> find(CheckoutSessionId id) {
        return db.sql("select *, line_items::text as items, metadata::text as meta from commerce.checkout_session where id = $1")
                .bind(0, id.value()).map(SessionStore::read).one();
    }

    /** The session locked for a decision (pay, expire, refund): concurrent deciders queue here, one at a time. */
    Mono<Session> lock(CheckoutSessionId id) {
        return db.sql("select *, line_items::text as items, metadata::text as meta from commerce.checkout_session where id = $1 for update")
                .bind(0, id.value()).map(SessionStore::read).one();
    }

    /** The merchant's newest sessions first, for its owner's dashboard. */
    Flux<Session> recent(MerchantId merchant, int limit) {
        return db.sql("""
                select *, line_items::text as items, metadata::text as meta from commerce.checkout_session
                where merchant_id = $1 order by created_at desc, id limit $2""")
                .bind(0, merchant.value()).bind(1, limit).map(SessionStore::read).all();
    }

    Mono<Void> complete(CheckoutSessionId id, UserId payer, UUID paymentId, Instant at) {
        return db.sql("""
                update commerce.checkout_session set status = 'COMPLETE', payer_id = $2, payment_id = $3, completed_at = $4
                where id = $1 and status = 'OPEN'""")
                .bind(0, id.value()).bind(1, payer.value()).bind(2, paymentId).bind(3, utc(at)).then();
    }

    /** Whether this call expired it (false when it was no longer OPEN). */
    Mono<Boolean> expire(CheckoutSessionId id) {
        return db.sql("update commerce.checkout_session set status = 'EXPIRED' where id = $1 and status = 'OPEN'")
                .bind(0, id.value()).fetch().rowsUpdated().map(n -> n > 0);
    }

    /**
     * Marks up to {@code limit} open sessions whose expiry time has passed EXPIRED, skipping those a payment or
     * refund holds locked (the next sweep takes them, or the payment finds them expired by time).
     */
    Flux<Session> expireDue(int limit) {
        return db.sql("""
                update commerce.checkout_session set status = 'EXPIRED' where id in (
                    select id from commerce.checkout_session where status = 'OPEN' and expires_at <= now()
                    order by expires_at limit $1 for update skip locked)
                returning *, line_items::text as items, metadata::text as meta""")
                .bind(0, limit).map(SessionStore::read).all();
    }

    Mono<Void> refund(CheckoutSessionId id, MerchantId merchant, UUID refundId, long amount, String reason, Instant at) {
        var insert = db.sql("""
                insert into commerce.refund (id, session_id, merchant_id, amount, reason, created_at) values (:id, :session, :merchant, :amount, :reason, :at)""")
                .bind("id", refundId).bind("session", id.value()).bind("merchant", merchant.value()).bind("amount", amount).bind("at", utc(at));
        insert = reason == null ? insert.bindNull("reason", String.class) : insert.bind("reason", reason);
        return insert.then().then(db.sql("update commerce.checkout_session set refunded = refunded + $2 where id = $1")
                .bind(0, id.value()).bind(1, amount).then());
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Session read(io.r2dbc.spi.Readable r) {
        var payer = r.get("payer_id", UUID.class);
        return new Session(new CheckoutSessionId(r.get("id", UUID.class)), new MerchantId(r.get("merchant_id", UUID.class)),
                Status.valueOf(r.get("status", String.class)), r.get("amount", Long.class), r.get("items", String.class),
                r.get("reference", String.class), r.get("meta", String.class), r.get("success_url", String.class),
                r.get("cancel_url", String.class), r.get("expires_at", Instant.class), payer == null ? null : new UserId(payer),
                r.get("payment_id", UUID.class), r.get("refunded", Long.class), r.get("created_at", Instant.class),
                r.get("completed_at", Instant.class));
    }
}
