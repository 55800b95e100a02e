package io.piaf.outbox.internal;

import org.springframework.transaction.reactive.TransactionSynchronization;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * In-process hand-off from a committing transaction to the relay of the same instance: no database round trip
 * between commit and delivery. Other instances are woken by NOTIFY.
 */
final class OutboxWakeups {

    private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();

    void kick() {
        // Concurrent commits emit from several threads: retry the lost race instead of dropping the kick.
        sink.emitNext(Boolean.TRUE, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
    }

    Flux<Boolean> asFlux() {
        return sink.asFlux();
    }

    TransactionSynchronization afterCommit() {
        return new TransactionSynchronization() {
            @Override
            public Mono<Void> afterCommit() {
                return Mono.fromRunnable(OutboxWakeups.this::kick);
            }
        };
    }
}
