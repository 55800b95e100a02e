package io.piaf.crypto.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.piaf.crypto.CryptoKind;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.identity.UserId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** crypto.operation. Status changes are guarded by the statuses they may come from (OperationStatus). */
@Repository
class OperationStore {

    private final DatabaseClient db;

    OperationStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the operation; false when its source (a post, a message) or its received log already made one. */
    Mono<Boolean> insert(OperationRow o) {
        var spec = db.sql("insert into crypto.operation (id, user_id, kind, direction, token, amount, eur_cents, from_address, "
                        + "to_address, counterparty_id, counterparty_handle, status, reason, chain_tx_id, tx_hash, block_number, "
                        + "challenge, note, source, source_id, expires_at, created_at, updated_at) values (:id, :user, :kind, :dir, "
                        + ":token, :amount, :eur, :from, :to, :cpId, :cpHandle, :status, :reason, :chainTx, :hash, :block, "
                        + ":challenge, :note, :source, :sourceId, :expires, :created, :created) on conflict do nothing")
                .bind("id", o.id().value()).bind("user", o.userId().value()).bind("kind", o.kind().name())
                .bind("dir", o.incoming() ? "IN" : "OUT").bind("token", o.token()).bind("amount", new BigDecimal(o.amount()))
                .bind("status", o.status().name()).bind("source", o.source())
                .bind("created", o.createdAt().atOffset(ZoneOffset.UTC));
        spec = bindNullable(spec, "eur", o.eurCents(), Long.class);
        spec = bindNullable(spec, "from", o.fromAddress(), String.class);
        spec = bindNullable(spec, "to", o.toAddress(), String.class);
        spec = bindNullable(spec, "cpId", o.counterpartyId() == null ? null : o.counterpartyId().value(), UUID.class);
        spec = bindNullable(spec, "cpHandle", o.counterpartyHandle(), String.class);
        spec = bindNullable(spec, "reason", o.reason(), String.class);
        spec = bindNullable(spec, "chainTx", o.chainTxId(), UUID.class);
        spec = bindNullable(spec, "hash", o.txHash(), String.class);
        spec = bindNullable(spec, "block", o.blockNumber(), Long.class);
        spec = bindNullable(spec, "challenge", o.challenge(), String.class);
        spec = bindNullable(spec, "note", o.note(), String.class);
        spec = bindNullable(spec, "sourceId", o.sourceId(), String.class);
        spec = bindNullable(spec, "expires", o.expiresAt() == null ? null : o.expiresAt().atOffset(ZoneOffset.UTC), OffsetDateTime.class);
        return spec.fetch().rowsUpdated().map(n -> n > 0);
    }

    private static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    Mono<OperationRow> find(CryptoTransactionId id) {
        return db.sql("select * from crypto.operation where id = $1").bind(0, id.value()).map(OperationStore::row).one();
    }

    Mono<OperationRow> findBySource(String source, String sourceId) {
        return db.sql("select * from crypto.operation where source = $1 and source_id = $2 and direction = 'OUT'")
                .bind(0, source).bind(1, sourceId).map(OperationStore::row).one();
    }

    /** Locks the operation for a decision, in the caller's transaction. */
    Mono<OperationRow> lock(CryptoTransactionId id) {
        return db.sql("select * from crypto.operation where id = $1 for update").bind(0, id.value()).map(OperationStore::row).one();
    }

    Flux<OperationRow> byChainTx(UUID chainTx) {
        return db.sql("select * from crypto.operation where chain_tx_id = $1 for update").bind(0, chainTx).map(OperationStore::row).all();
    }

    /** Moves the operation to {@code next} if it is in a status that may become it; the updated row, or empty. */
    Mono<OperationRow> transition(CryptoTransactionId id, OperationStatus next, String reason) {
        var from = OperationStatus.before(next).stream().map(Enum::name).toArray(String[]::new);
        var spec = db.sql("update crypto.operation set status = $2, reason = coalesce($3, reason), updated_at = now() "
                        + "where id = $1 and status = any($4) returning *")
                .bind(0, id.value()).bind(1, next.name()).bind(3, from);
        spec = reason == null ? spec.bindNull(2, String.class) : spec.bind(2, reason);
        return spec.map(OperationStore::row).one();
    }

    Mono<Void> submitted(CryptoTransactionId id, UUID chainTx, String hash) {
        return db.sql("update crypto.operation set status = 'SUBMITTED', chain_tx_id = $2, tx_hash = $3, updated_at = now() "
                        + "where id = $1 and status in ('PENDING', 'PENDING_CONFIRMATION')")
                .bind(0, id.value()).bind(1, chainTx).bind(2, hash).then();
    }

    /** The chain transaction now carrying the operation (a replacement has another hash). */
    Mono<Void> carriedBy(UUID oldChainTx, UUID chainTx, String hash) {
        return db.sql("update crypto.operation set chain_tx_id = $2, tx_hash = $3, updated_at = now() where chain_tx_id = $1")
                .bind(0, oldChainTx).bind(1, chainTx).bind(2, hash).then();
    }

    Mono<Void> mined(UUID chainTx, long block) {
        return db.sql("update crypto.operation set block_number = $2 where chain_tx_id = $1").bind(0, chainTx).bind(1, block).then();
    }

    /** Tokens the user's account has committed to leave it but not yet confirmed (sells and transfers on their way). */
    Mono<BigInteger> outgoingInFlight(UserId user) {
        return db.sql("select coalesce(sum(amount), 0) as s from crypto.operation where user_id = $1 and direction = 'OUT' "
                        + "and kind in ('SELL', 'TRANSFER') and status in ('PENDING', 'SUBMITTED')")
                .bind(0, user.value()).map(r -> r.get("s", BigDecimal.class).toBigIntegerExact()).one();
    }

    /** Euro value sent in tokens by the user since {@code since} (transfers submitted or confirmed). */
    Mono<Long> sentSince(UserId user, Instant since) {
        return db.sql("select coalesce(sum(eur_cents), 0) as s from crypto.operation where user_id = $1 and direction = 'OUT' "
                        + "and kind = 'TRANSFER' and status in ('SUBMITTED', 'CONFIRMED') and created_at >= $2")
                .bind(0, user.value()).bind(1, since.atOffset(ZoneOffset.UTC)).map(r -> r.get("s", Number.class).longValue()).one();
    }

    Flux<OperationRow> page(UserId user, int limit, Instant beforeAt, UUID beforeId) {
        var sql = "select * from crypto.operation where user_id = $1"
                + (beforeAt == null ? "" : " and (created_at, id) < ($3, $4)")
                + " order by created_at desc, id desc limit $2";
        var spec = db.sql(sql).bind(0, user.value()).bind(1, limit);
        if (beforeAt != null) {
            spec = spec.bind(2, beforeAt.atOffset(ZoneOffset.UTC)).bind(3, beforeId);
        }
        return spec.map(OperationStore::row).all();
    }

    /** Open operations of these kinds and statuses, oldest first (the saga sweeper's work). */
    Flux<OperationRow> open(Collection<String> statuses, Instant createdBefore, int limit) {
        return db.sql("select * from crypto.operation where status = any($1) and created_at < $2 order by created_at limit $3")
                .bind(0, statuses.toArray(String[]::new)).bind(1, createdBefore.atOffset(ZoneOffset.UTC)).bind(2, limit)
                .map(OperationStore::row).all();
    }

    /**
     * The block that now carries a transfer received from outside and not credited yet, or none after a reorg took it
     * away; {@code updated_at} then dates the loss.
     */
    Mono<Void> receivedInBlock(String txHash, UserId user, java.math.BigInteger amount, Long block) {
        var spec = db.sql("update crypto.operation set block_number = $4, updated_at = now() where tx_hash = $1 and user_id = $2 "
                        + "and amount = $3 and direction = 'IN' and kind = 'TRANSFER' and chain_tx_id is null and status = 'SUBMITTED' "
                        + "and block_number is distinct from $4")
                .bind(0, txHash).bind(1, user.value()).bind(2, new BigDecimal(amount));
        return (block == null ? spec.bindNull(3, Long.class) : spec.bind(3, block)).then();
    }

    /** Transfers received from outside that no block has carried since {@code lostBefore}. */
    Flux<OperationRow> receivedWithoutBlock(Instant lostBefore, int limit) {
        return db.sql("select * from crypto.operation where status = 'SUBMITTED' and direction = 'IN' and kind = 'TRANSFER' "
                        + "and chain_tx_id is null and block_number is null and updated_at < $1 order by updated_at limit $2")
                .bind(0, lostBefore.atOffset(ZoneOffset.UTC)).bind(1, limit).map(OperationStore::row).all();
    }

    Flux<OperationRow> expiredTransfers(int limit) {
        return db.sql("select * from crypto.operation where status = 'PENDING_CONFIRMATION' and expires_at < now() "
                        + "order by expires_at limit $1 for update skip locked")
                .bind(0, limit).map(OperationStore::row).all();
    }

    static OperationRow row(Readable r) {
        var cp = r.get("counterparty_id", UUID.class);
        var expires = r.get("expires_at", OffsetDateTime.class);
        return new OperationRow(new CryptoTransactionId(r.get("id", UUID.class)), new UserId(r.get("user_id", UUID.class)),
                CryptoKind.valueOf(r.get("kind", String.class)), "IN".equals(r.get("direction", String.class)),
                r.get("token", String.class), r.get("amount", BigDecimal.class).toBigIntegerExact(), r.get("eur_cents", Long.class),
                r.get("from_address", String.class), r.get("to_address", String.class), cp == null ? null : new UserId(cp),
                r.get("counterparty_handle", String.class), OperationStatus.valueOf(r.get("status", String.class)),
                r.get("reason", String.class), r.get("chain_tx_id", UUID.class), r.get("tx_hash", String.class),
                r.get("block_number", Long.class), r.get("challenge", String.class), r.get("note", String.class),
                r.get("source", String.class), r.get("source_id", String.class), expires == null ? null : expires.toInstant(),
                r.get("created_at", OffsetDateTime.class).toInstant());
    }
}
