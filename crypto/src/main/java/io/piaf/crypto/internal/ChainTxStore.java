package io.piaf.crypto.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** crypto.chain_tx: signed transactions and how far each got on chain. */
@Repository
class ChainTxStore {

    private final DatabaseClient db;

    ChainTxStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(ChainTxRow t) {
        var spec = db.sql("insert into crypto.chain_tx (id, purpose, operation_id, from_address, to_address, nonce, gas_limit, "
                        + "gas_price, value, data, raw, hash, status, depends_on) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                        + "$11, $12, $13, $14)")
                .bind(0, t.id()).bind(1, t.purpose().name()).bind(3, t.from()).bind(4, t.to()).bind(5, t.nonce())
                .bind(6, t.gasLimit().longValueExact()).bind(7, new BigDecimal(t.gasPrice())).bind(8, new BigDecimal(t.value()))
                .bind(9, t.data()).bind(10, t.raw()).bind(11, t.hash()).bind(12, t.status());
        spec = t.operationId() == null ? spec.bindNull(2, UUID.class) : spec.bind(2, t.operationId());
        spec = t.dependsOn() == null ? spec.bindNull(13, UUID.class) : spec.bind(13, t.dependsOn());
        return spec.then();
    }

    Mono<ChainTxRow> find(UUID id) {
        return db.sql("select * from crypto.chain_tx where id = $1").bind(0, id).map(ChainTxStore::row).one();
    }

    Mono<Boolean> isOurs(String hash) {
        return db.sql("select 1 from crypto.chain_tx where hash = $1").bind(0, hash).map(r -> true).one().defaultIfEmpty(false);
    }

    /** Signed, not sent, and not waiting for another (a gas top-up) that is not mined yet; in nonce order. */
    Flux<ChainTxRow> toSend(int limit) {
        return db.sql("select t.* from crypto.chain_tx t left join crypto.chain_tx d on d.id = t.depends_on "
                        + "where t.status = 'SIGNED' and (d.id is null or d.status in ('MINED', 'CONFIRMED')) "
                        + "order by t.from_address, t.nonce limit $1")
                .bind(0, limit).map(ChainTxStore::row).all();
    }

    /** Sent or mined and not final yet, plus replaced ones that might still be mined instead of their twin. */
    Flux<ChainTxRow> inFlight(int limit) {
        return db.sql("select * from crypto.chain_tx where status in ('SENT', 'MINED') "
                        + "or (status = 'REPLACED' and updated_at > now() - interval '1 hour') order by created_at limit $1")
                .bind(0, limit).map(ChainTxStore::row).all();
    }

    Flux<ChainTxRow> stuck(Duration after, int limit) {
        return db.sql("select * from crypto.chain_tx where status = 'SENT' and sent_at < now() - make_interval(secs => $1) "
                        + "order by sent_at limit $2")
                .bind(0, (double) after.toMillis() / 1000).bind(1, limit).map(ChainTxStore::row).all();
    }

    /** Moves the transaction between statuses; true when it was in {@code from}. */
    Mono<Boolean> move(UUID id, String from, String to) {
        return db.sql("update crypto.chain_tx set status = $3, updated_at = now(), "
                        + "sent_at = case when $3 = 'SENT' and sent_at is null then now() else sent_at end "
                        + "where id = $1 and status = $2")
                .bind(0, id).bind(1, from).bind(2, to).fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<Void> mined(UUID id, long block, String blockHash) {
        return db.sql("update crypto.chain_tx set status = case when status = 'REPLACED' then 'MINED' else status end, "
                        + "block_number = $2, block_hash = $3, updated_at = now() where id = $1 and status in ('SENT', 'MINED', 'REPLACED')")
                .bind(0, id).bind(1, block).bind(2, blockHash).then();
    }

    /** Transactions waiting for {@code from} (a gas top-up) wait for {@code to} instead. */
    Mono<Void> redirectDependents(UUID from, UUID to) {
        return db.sql("update crypto.chain_tx set depends_on = $2 where depends_on = $1").bind(0, from).bind(1, to).then();
    }

    Mono<Void> failedAttempt(UUID id, String error) {
        return db.sql("update crypto.chain_tx set attempts = attempts + 1, last_error = $2, updated_at = now() where id = $1")
                .bind(0, id).bind(1, error.length() > 500 ? error.substring(0, 500) : error).then();
    }

    /** Another transaction from this account signed with this nonce and still alive (a replacement's twin). */
    Flux<ChainTxRow> sameNonce(String from, long nonce) {
        return db.sql("select * from crypto.chain_tx where from_address = $1 and nonce = $2").bind(0, from).bind(1, nonce)
                .map(ChainTxStore::row).all();
    }

    static ChainTxRow row(Readable r) {
        var sent = r.get("sent_at", OffsetDateTime.class);
        return new ChainTxRow(r.get("id", UUID.class), ChainTxRow.Purpose.valueOf(r.get("purpose", String.class)),
                r.get("operation_id", UUID.class), r.get("from_address", String.class), r.get("to_address", String.class),
                r.get("nonce", Long.class), java.math.BigInteger.valueOf(r.get("gas_limit", Long.class)),
                r.get("gas_price", BigDecimal.class).toBigIntegerExact(), r.get("value", BigDecimal.class).toBigIntegerExact(),
                r.get("data", String.class), r.get("raw", String.class), r.get("hash", String.class), r.get("status", String.class),
                r.get("depends_on", UUID.class), r.get("attempts", Integer.class), sent == null ? null : sent.toInstant(),
                r.get("block_number", Long.class), r.get("created_at", OffsetDateTime.class).toInstant());
    }
}
