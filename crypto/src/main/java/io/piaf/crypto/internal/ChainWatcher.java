package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.web3j.protocol.core.methods.response.Log;

import io.piaf.common.ProblemException;
import io.piaf.crypto.CryptoKind;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.internal.chain.contracts.EuroPiaf;
import io.piaf.crypto.internal.domain.OperationStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the chain every poll: receipts of the transactions in flight (mined → confirmed after N blocks, or
 * reverted; a receipt gone after a reorg sends the transaction back to be sent again), and the token's Transfer logs
 * of the new blocks, so that tokens sent to a custodial address from outside Piaf are seen and credited after N
 * blocks.
 *
 * <p>Reorganisations: the hash of the last block read is kept beside its number; when the chain no longer has that
 * block, reading starts again {@code reorg-depth} blocks earlier (recording a log twice is harmless, it updates the
 * block that carries it). A received transfer is credited only if its receipt is still on chain at the depth asked;
 * one whose block was reorganised away waits for a block to carry it again, and fails uncredited after
 * {@code dropped-after}.
 */
@Component
class ChainWatcher {

    private static final Logger log = LoggerFactory.getLogger(ChainWatcher.class);
    private static final String CURSOR = "scanned_block";
    private static final String CURSOR_HASH = "scanned_block_hash";
    private static final int MAX_BLOCKS = 500;
    private static final int RECEIPTS_AT_ONCE = 4;

    private final Chain chain;
    private final ChainTxStore txs;
    private final OperationStore operations;
    private final AccountStore accounts;
    private final SettingStore settings;
    private final Settlement settlement;
    private final Token token;
    private final CryptoProperties properties;

    ChainWatcher(Chain chain, ChainTxStore txs, OperationStore operations, AccountStore accounts, SettingStore settings,
            Settlement settlement, Token token, CryptoProperties properties) {
        this.chain = chain;
        this.txs = txs;
        this.operations = operations;
        this.accounts = accounts;
        this.settings = settings;
        this.settlement = settlement;
        this.token = token;
        this.properties = properties;
    }

    private volatile long latestBlock;

    /** The highest block seen by the last poll (confirmations shown to users are counted from it). */
    long latestBlock() {
        return latestBlock;
    }

    Mono<Void> poll() {
        return poll(properties.confirmations());
    }

    /** One reading of the chain, crediting received transfers at {@code confirmations} blocks deep. */
    Mono<Void> poll(int confirmations) {
        if (token.addressOrNull() == null) {
            return Mono.empty();
        }
        return chain.blockNumber()
                .doOnNext(latest -> latestBlock = latest.longValueExact())
                .flatMap(latest -> receipts(latest).then(incoming(latest)).then(confirmReceived(latest, confirmations))
                        .then(dropUnseen(properties.droppedAfter())))
                .onErrorResume(ProblemException.class, unavailable -> Mono.empty());
    }

    private Mono<Void> receipts(BigInteger latest) {
        // Receipts are asked for several at once (each is a round trip to the node); transactions of one account are
        // settled in any order, which is fine: each settles its own operations and rows are locked.
        return txs.inFlight(500).flatMap(tx -> chain.receipt(tx.hash()).flatMap(found -> {
            if (found.isEmpty()) {
                if ("MINED".equals(tx.status())) {
                    return txs.move(tx.id(), "MINED", "SENT").then(); // its block was reorganised away: send it again
                }
                return resendIfForgotten(tx);
            }
            var receipt = found.get();
            var block = receipt.getBlockNumber();
            var mined = txs.mined(tx.id(), block.longValueExact(), receipt.getBlockHash())
                    .then(operations.mined(tx.id(), block.longValueExact()))
                    .then("REPLACED".equals(tx.status()) ? replacedTwinMined(tx) : Mono.<Void>empty())
                    .then("SENT".equals(tx.status()) ? txs.move(tx.id(), "SENT", "MINED").then() : Mono.<Void>empty());
            var depth = latest.subtract(block).longValueExact() + 1;
            var withBlock = withBlock(tx, block.longValueExact());
            if (!receipt.isStatusOK()) {
                return mined.then(settlement.reverted(withBlock));
            }
            return depth >= properties.confirmations() ? mined.then(settlement.confirmed(withBlock)) : mined;
        }), RECEIPTS_AT_ONCE).then();
    }

    /**
     * A sent transaction with no receipt after a while may have been forgotten by the node (a dev chain restarted: its
     * pool is not kept): the same signed bytes again. A node that still has it answers "already known".
     */
    private Mono<Void> resendIfForgotten(ChainTxRow tx) {
        var quiet = properties.pollInterval().multipliedBy(10);
        if (!"SENT".equals(tx.status()) || tx.sentAt() == null || tx.sentAt().isAfter(Instant.now().minus(quiet))) {
            return Mono.empty();
        }
        return chain.sendRaw(tx.raw()).then().onErrorResume(Chain.Rejected.class, e -> Mono.empty());
    }

    /** The original of a replaced transaction was mined after all: it carries the operation again. */
    private Mono<Void> replacedTwinMined(ChainTxRow original) {
        return txs.sameNonce(original.from(), original.nonce())
                .filter(twin -> !twin.id().equals(original.id()) && !"REPLACED".equals(twin.status()))
                .concatMap(twin -> txs.move(twin.id(), twin.status(), "REPLACED")
                        .then(operations.carriedBy(twin.id(), original.id(), original.hash())))
                .then();
    }

    private static ChainTxRow withBlock(ChainTxRow tx, long block) {
        return new ChainTxRow(tx.id(), tx.purpose(), tx.operationId(), tx.from(), tx.to(), tx.nonce(), tx.gasLimit(),
                tx.gasPrice(), tx.value(), tx.data(), tx.raw(), tx.hash(), "MINED", tx.dependsOn(), tx.attempts(), tx.sentAt(),
                block, tx.createdAt());
    }

    /** Transfer logs of the blocks not read yet, recorded for the custodial accounts they reach from outside Piaf. */
    private Mono<Void> incoming(BigInteger latest) {
        return settings.get(CURSOR).map(BigInteger::new).defaultIfEmpty(latest).flatMap(this::unlessReorganised).flatMap(scanned -> {
            if (scanned.compareTo(latest) >= 0) {
                return Mono.empty();
            }
            var from = scanned.add(BigInteger.ONE);
            var to = latest.min(scanned.add(BigInteger.valueOf(MAX_BLOCKS)));
            return chain.transferLogs(token.addressOrNull(), from, to)
                    .flatMapMany(Flux::fromIterable)
                    .concatMap(this::recordIfIncoming)
                    .then(chain.blockHash(to))
                    .flatMap(hash -> settings.put(CURSOR_HASH, hash).then(settings.put(CURSOR, to.toString())));
        });
    }

    /** The last block read, or an earlier one to read again from when the chain no longer has it. */
    private Mono<BigInteger> unlessReorganised(BigInteger scanned) {
        return settings.get(CURSOR_HASH).flatMap(kept -> chain.blockHash(scanned).map(now -> {
            if (now.equals(kept)) {
                return scanned;
            }
            var again = scanned.subtract(BigInteger.valueOf(properties.reorgDepth())).max(BigInteger.ZERO);
            log.warn("Block {} was reorganised away ({} is now {}): incoming transfers are read again from block {}",
                    scanned, kept, now.isEmpty() ? "gone" : now, again.add(BigInteger.ONE));
            return again;
        })).defaultIfEmpty(scanned);
    }

    private Mono<Void> recordIfIncoming(Log entry) {
        var event = EuroPiaf.getTransferEventFromLog(entry);
        var to = event.to.toLowerCase(java.util.Locale.ROOT);
        return txs.isOurs(entry.getTransactionHash()).flatMap(ours -> ours ? Mono.<Void>empty()
                : accounts.findByAddress(to).filter(a -> a.userId() != null).flatMap(account -> {
                    var from = event.from.toLowerCase(java.util.Locale.ROOT);
                    var in = new OperationRow(CryptoTransactionId.random(), account.userId(), CryptoKind.TRANSFER, true, Token.SYMBOL,
                            event.value, io.piaf.crypto.internal.domain.TokenAmounts.euroCents(event.value, Token.DECIMALS),
                            from, to, null, null, OperationStatus.SUBMITTED, null, null, entry.getTransactionHash(),
                            entry.getBlockNumber().longValueExact(), null, null, "CHAIN", null, null, Instant.now());
                    return operations.insert(in).flatMap(inserted -> {
                        if (inserted) {
                            log.info("Incoming {} to {} in {}", Token.amount(event.value), to, entry.getTransactionHash());
                            return Mono.<Void>empty();
                        }
                        return operations.receivedInBlock(in.txHash(), in.userId(), in.amount(), in.blockNumber());
                    });
                }));
    }

    /**
     * Received transfers deep enough: credited once their receipt says the chain still carries them there; one that
     * the chain no longer carries loses its block and waits.
     */
    private Mono<Void> confirmReceived(BigInteger latest, int confirmations) {
        var deepest = latest.longValueExact() - confirmations + 1;
        return operations.open(java.util.List.of(OperationStatus.SUBMITTED.name()), Instant.now().plusSeconds(1), 500)
                .filter(op -> op.incoming() && op.chainTxId() == null && op.blockNumber() != null && op.blockNumber() <= deepest)
                .concatMap(op -> chain.receipt(op.txHash()).flatMap(receipt -> {
                    if (receipt.isEmpty() || !receipt.get().isStatusOK()) {
                        log.warn("Incoming {} is no longer on chain (reorganised): not credited", op.txHash());
                        return operations.receivedInBlock(op.txHash(), op.userId(), op.amount(), null);
                    }
                    var block = receipt.get().getBlockNumber().longValueExact();
                    if (block != op.blockNumber()) {
                        return operations.receivedInBlock(op.txHash(), op.userId(), op.amount(), block);
                    }
                    return settlement.receivedFromOutside(op);
                }), 1)
                .then();
    }

    /** Received transfers that no block has carried since a reorg, for {@code after}: failed, never credited. */
    Mono<Void> dropUnseen(java.time.Duration after) {
        return operations.receivedWithoutBlock(Instant.now().minus(after), 100).concatMap(settlement::receivedDropped, 1).then();
    }
}
