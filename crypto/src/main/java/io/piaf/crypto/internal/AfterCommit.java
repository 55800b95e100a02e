package io.piaf.crypto.internal;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import reactor.core.publisher.Mono;

/** Runs something once the current R2DBC transaction commits (at once without one): e.g. wake the broadcaster. */
final class AfterCommit {

    private AfterCommit() {
    }

    static Mono<Void> run(Runnable action) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(tx -> {
                    if (tx.isSynchronizationActive()) {
                        tx.registerSynchronization(new TransactionSynchronization() {
                            @Override
                            public Mono<Void> afterCommit() {
                                return Mono.fromRunnable(action);
                            }
                        });
                    } else {
                        action.run();
                    }
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(action));
    }
}
