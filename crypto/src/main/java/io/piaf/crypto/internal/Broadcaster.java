package io.piaf.crypto.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Sends stored transactions to the node, in nonce order per account, after their commit (a kick) or on the next
 * poll. Sending is idempotent: the same signed bytes are one transaction to the chain ("already known"). A node that
 * refuses for good (a nonce someone else used) drops the transaction and fails its operation; a lack of gas waits for
 * the treasury's top-up; an unreachable node stops the round until the next one.
 */
@Component
class Broadcaster {

    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);
    private static final int BATCH = 200;

    private final Sinks.Many<Boolean> kicks = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Boolean> sent = Sinks.many().multicast().directBestEffort();
    private final ChainTxStore txs;
    private final Chain chain;
    private final Settlement settlement;

    Broadcaster(ChainTxStore txs, Chain chain, @Lazy Settlement settlement) {
        this.txs = txs;
        this.chain = chain;
        this.settlement = settlement;
    }

    void kick() {
        kicks.tryEmitNext(Boolean.TRUE);
    }

    reactor.core.publisher.Flux<Boolean> kicks() {
        return kicks.asFlux();
    }

    /**
     * Ticks when a round handed transactions to the node: a chain that mines at once (the dev chain) has their
     * receipts already, so the watcher reads them now rather than at its next poll; elsewhere it is one read more.
     */
    reactor.core.publisher.Flux<Boolean> sent() {
        return sent.asFlux();
    }

    Mono<Void> sendDue() {
        return txs.toSend(BATCH).concatMap(tx -> chain.sendRaw(tx.raw())
                        .flatMap(hash -> txs.move(tx.id(), "SIGNED", "SENT"))
                        .onErrorResume(Chain.Rejected.class, rejected -> refused(tx, rejected.getMessage())), 1)
                .any(Boolean::booleanValue)
                .doOnNext(any -> {
                    if (any) {
                        sent.tryEmitNext(Boolean.TRUE);
                    }
                })
                .then()
                .onErrorResume(ProblemException.class, unavailable -> Mono.empty());
    }

    private Mono<Boolean> refused(ChainTxRow tx, String reason) {
        var why = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        if (why.contains("already known") || why.contains("known transaction") || why.contains("already imported")) {
            return txs.move(tx.id(), "SIGNED", "SENT");
        }
        if (why.contains("nonce too low") || why.contains("nonce is too low") || why.contains("correct nonce")) {
            // Mined already (a send whose answer was lost), or the nonce was taken by a transaction Piaf did not
            // sign through its allocator (a deployment, a key used outside Piaf): the same call again, new nonce.
            return chain.receipt(tx.hash()).flatMap(receipt -> receipt.isPresent()
                    ? txs.move(tx.id(), "SIGNED", "SENT")
                    : settlement.renonce(tx).thenReturn(true));
        }
        log.warn("The node refused {}: {} (retried)", tx, reason);
        return txs.failedAttempt(tx.id(), reason == null ? "refused" : reason).thenReturn(false);
    }
}
