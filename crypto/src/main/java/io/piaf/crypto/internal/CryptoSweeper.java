package io.piaf.crypto.internal;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sweeps what would stay stuck: transfers whose PIN window ran out (→ EXPIRED), and buys whose mint was never signed
 * within {@code buy-timeout} because the chain stayed down (→ refunded, FAILED). Every step is guarded by status.
 */
@Component
class CryptoSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CryptoSweeper.class);

    private final Transfers transfers;
    private final OperationStore operations;
    private final Settlement settlement;
    private final CryptoProperties properties;
    private final TransactionalOperator transactional;
    private volatile Disposable running;

    CryptoSweeper(Transfers transfers, OperationStore operations, Settlement settlement, CryptoProperties properties,
            ReactiveTransactionManager transactions) {
        this.transfers = transfers;
        this.operations = operations;
        this.settlement = settlement;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<Void> sweep() {
        var abandoned = operations.open(List.of("PENDING"), Instant.now().minus(properties.buyTimeout()), 100)
                .filter(op -> op.kind() == io.piaf.crypto.CryptoKind.BUY)
                .concatMap(op -> transactional.transactional(operations.lock(op.id())
                        .filter(locked -> locked.status() == io.piaf.crypto.internal.domain.OperationStatus.PENDING)
                        .flatMap(settlement::abandonBuy)));
        return transfers.expireDue().then(abandoned.then())
                .onErrorResume(e -> {
                    log.warn("Crypto sweep failed, the next one retries: {}", e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public void start() {
        running = Flux.interval(properties.pollInterval().multipliedBy(10)).onBackpressureDrop().concatMap(t -> sweep(), 1).subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
