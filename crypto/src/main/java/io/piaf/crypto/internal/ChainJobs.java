package io.piaf.crypto.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.crypto.internal.domain.Nonces;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two loops drive the chain work. Sending: what is signed goes out at once when a signature commits (a kick) or on the
 * next poll, and stuck transactions are replaced. Watching: receipts and new blocks every poll interval. Apart, so
 * that a send never waits behind a round of receipts. Safe on several instances: every step is guarded by the row's
 * status.
 */
@Component
class ChainJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainJobs.class);

    private final Broadcaster broadcaster;
    private final ChainWatcher watcher;
    private final ChainTxStore txs;
    private final OperationStore operations;
    private final Signer signer;
    private final Chain chain;
    private final CryptoProperties properties;
    private final TransactionalOperator transactional;
    private volatile Disposable sending;
    private volatile Disposable watching;

    ChainJobs(Broadcaster broadcaster, ChainWatcher watcher, ChainTxStore txs, OperationStore operations, Signer signer,
            Chain chain, CryptoProperties properties, ReactiveTransactionManager transactions) {
        this.broadcaster = broadcaster;
        this.watcher = watcher;
        this.txs = txs;
        this.operations = operations;
        this.signer = signer;
        this.chain = chain;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<Void> sendRound() {
        return broadcaster.sendDue().then(replaceStuck()).onErrorResume(ChainJobs::retried);
    }

    Mono<Void> watchRound() {
        // a gas top-up just mined lets the transactions waiting for it go: send them now
        return watcher.poll().doOnSuccess(v -> broadcaster.kick()).onErrorResume(ChainJobs::retried);
    }

    private static Mono<Void> retried(Throwable e) {
        log.warn("Chain round failed, the next one retries: {}", e.toString());
        return Mono.empty();
    }

    /** A transaction sent but not mined for {@code stuck-after}: the same nonce again with a fee the node accepts. */
    Mono<Void> replaceStuck() {
        return replaceStuck(properties.stuckAfter());
    }

    Mono<Void> replaceStuck(Duration after) {
        return txs.stuck(after, 20).concatMap(stuck -> chain.gasPrice().flatMap(price -> {
            var fee = Nonces.bumpedFee(stuck.gasPrice(), price);
            return transactional.transactional(txs.move(stuck.id(), "SENT", "REPLACED").flatMap(moved -> !moved ? Mono.<Void>empty()
                    : signer.replace(stuck, fee).flatMap(twin -> operations.carriedBy(stuck.id(), twin.id(), twin.hash())
                            .then(AfterCommit.run(broadcaster::kick))
                            .doOnSuccess(v -> log.info("Replaced stuck {} by {} at fee {}", stuck, twin.hash(), fee)))));
        }), 1).then().onErrorResume(ProblemException.class, e -> Mono.empty());
    }

    @Override
    public void start() {
        sending = Flux.merge(Flux.interval(properties.pollInterval()).map(t -> true), broadcaster.kicks())
                .onBackpressureLatest()
                .concatMap(tick -> sendRound(), 1)
                .subscribe();
        watching = Flux.merge(Flux.interval(properties.pollInterval()).map(t -> true), broadcaster.sent())
                .onBackpressureLatest()
                .concatMap(tick -> watchRound(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (sending != null) {
            sending.dispose();
            watching.dispose();
            sending = null;
            watching = null;
        }
    }

    @Override
    public boolean isRunning() {
        return sending != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // after the token bootstrap
    }

    Duration interval() {
        return properties.pollInterval();
    }
}
