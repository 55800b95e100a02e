package io.piaf.requests.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.requests.RequestId;
import io.piaf.requests.internal.domain.RequestRules;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Requests' tables. An item changes only from PENDING, so a second delivery of an event finds nothing to do. */
@Component
class RequestStore {

    private static final String REQUEST = "id, requester_id, requester_handle, kind, total, note, created_at";
    private static final String ITEM = """
            request_id, position, payer_id, payer_handle, amount, status, payment_id, challenge, expires_at, paid_payment_id,
            reminded_at, created_at, decided_at""";

    private final DatabaseClient db;

    RequestStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the request unless its post already made one: true when inserted. */
    Mono<Boolean> insert(RequestRow r, String source, String sourcePostId) {
        return db.sql("insert into requests.request (" + REQUEST + ", source, source_post_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                        + "on conflict (source_post_id) do nothing")
                .bind(0, r.id().value()).bind(1, r.requester().value()).bind(2, r.requesterHandle()).bind(3, r.kind())
                .bind(4, nullable(r.total(), Long.class)).bind(5, nullable(r.note(), String.class)).bind(6, r.createdAt())
                .bind(7, source).bind(8, nullable(sourcePostId, String.class))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Void> insert(List<ItemRow> items) {
        return Flux.fromIterable(items).concatMap(i -> db.sql("insert into requests.item (request_id, position, payer_id, payer_handle, "
                        + "amount, status, created_at) values ($1, $2, $3, $4, $5, 'PENDING', $6)")
                .bind(0, i.request().value()).bind(1, i.position()).bind(2, i.payer().value()).bind(3, i.payerHandle())
                .bind(4, i.amount()).bind(5, i.createdAt()).then()).then();
    }

    Mono<RequestRow> find(RequestId id) {
        return db.sql("select " + REQUEST + " from requests.request where id = $1").bind(0, id.value()).map(RequestStore::request).one();
    }

    Flux<ItemRow> items(RequestId id) {
        return db.sql("select " + ITEM + " from requests.item where request_id = $1 order by position")
                .bind(0, id.value()).map(RequestStore::item).all();
    }

    Mono<ItemRow> item(RequestId id, UserId payer) {
        return db.sql("select " + ITEM + " from requests.item where request_id = $1 and payer_id = $2")
                .bind(0, id.value()).bind(1, payer.value()).map(RequestStore::item).one();
    }

    /** The payer's item, locked for the rest of the transaction: paying, declining and payments' events queue on it. */
    Mono<ItemRow> lock(RequestId id, UserId payer) {
        return db.sql("select " + ITEM + " from requests.item where request_id = $1 and payer_id = $2 for update")
                .bind(0, id.value()).bind(1, payer.value()).map(RequestStore::item).one();
    }

    Flux<ItemRow> lockAll(RequestId id) {
        return db.sql("select " + ITEM + " from requests.item where request_id = $1 order by position for update")
                .bind(0, id.value()).map(RequestStore::item).all();
    }

    Flux<RequestRow> byRequester(UserId requester, int limit) {
        return db.sql("select " + REQUEST + " from requests.request where requester_id = $1 order by created_at desc, id desc limit $2")
                .bind(0, requester.value()).bind(1, limit).map(RequestStore::request).all();
    }

    /** The payer's items, newest first. */
    Flux<ItemRow> byPayer(UserId payer, int limit) {
        return db.sql("select " + ITEM + " from requests.item where payer_id = $1 order by created_at desc, request_id desc limit $2")
                .bind(0, payer.value()).bind(1, limit).map(RequestStore::item).all();
    }

    Flux<RequestRow> findAll(List<UUID> ids) {
        return db.sql("select " + REQUEST + " from requests.request where id = any($1)").bind(0, ids.toArray(UUID[]::new))
                .map(RequestStore::request).all();
    }

    Flux<ItemRow> itemsOf(List<UUID> ids) {
        return db.sql("select " + ITEM + " from requests.item where request_id = any($1) order by request_id, position")
                .bind(0, ids.toArray(UUID[]::new)).map(RequestStore::item).all();
    }

    Mono<Void> waitFor(RequestId id, UserId payer, PaymentId payment, String challenge, Instant expiresAt) {
        return db.sql("update requests.item set payment_id = $3, challenge = $4, expires_at = $5 where request_id = $1 and payer_id = $2")
                .bind(0, id.value()).bind(1, payer.value()).bind(2, payment.value()).bind(3, challenge).bind(4, expiresAt).then();
    }

    /** Marks the item of this payment PAID, once; empty when no pending item waits for it. */
    Mono<ItemRow> paid(PaymentId payment, Instant at) {
        return db.sql("update requests.item set status = 'PAID', paid_payment_id = payment_id, payment_id = null, challenge = null, "
                        + "expires_at = null, decided_at = $2 where payment_id = $1 and status = 'PENDING' returning " + ITEM)
                .bind(0, payment.value()).bind(1, at).map(RequestStore::item).one();
    }

    /** The payment was cancelled, expired or failed: the item may be paid (or declined) again. */
    Mono<Void> paymentEnded(PaymentId payment) {
        return db.sql("update requests.item set payment_id = null, challenge = null, expires_at = null where payment_id = $1")
                .bind(0, payment.value()).then();
    }

    Mono<Void> decline(RequestId id, UserId payer, Instant at) {
        return db.sql("update requests.item set status = 'DECLINED', decided_at = $3 where request_id = $1 and payer_id = $2 and status = 'PENDING'")
                .bind(0, id.value()).bind(1, payer.value()).bind(2, at).then();
    }

    Mono<Void> reminded(RequestId id, UserId payer, Instant at) {
        return db.sql("update requests.item set reminded_at = $3 where request_id = $1 and payer_id = $2")
                .bind(0, id.value()).bind(1, payer.value()).bind(2, at).then();
    }

    private static Object nullable(Object value, Class<?> type) {
        return value == null ? Parameter.empty(type) : value;
    }

    private static RequestRow request(Readable r) {
        return new RequestRow(new RequestId(r.get("id", UUID.class)), new UserId(r.get("requester_id", UUID.class)),
                r.get("requester_handle", String.class), r.get("kind", String.class), r.get("total", Long.class),
                r.get("note", String.class), r.get("created_at", Instant.class));
    }

    private static ItemRow item(Readable r) {
        var payment = r.get("payment_id", UUID.class);
        var paid = r.get("paid_payment_id", UUID.class);
        return new ItemRow(new RequestId(r.get("request_id", UUID.class)), r.get("position", Integer.class),
                new UserId(r.get("payer_id", UUID.class)), r.get("payer_handle", String.class), r.get("amount", Long.class),
                RequestRules.Status.valueOf(r.get("status", String.class)), payment == null ? null : new PaymentId(payment),
                r.get("challenge", String.class), r.get("expires_at", Instant.class), paid == null ? null : new PaymentId(paid),
                r.get("reminded_at", Instant.class), r.get("created_at", Instant.class), r.get("decided_at", Instant.class));
    }
}
