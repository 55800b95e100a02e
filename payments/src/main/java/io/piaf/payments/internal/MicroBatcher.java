package io.piaf.payments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group commit for concurrent commands: while one batch runs, the commands that arrive wait and then run together in
 * the next one, in one transaction with one commit. Nobody waits for a timer: alone, a command runs at once; under
 * load, batches grow by themselves up to {@code maxBatch}. One batch at a time, so batches never wait on each other's
 * locks. When a batch fails (an unexpected error in any of its commands), it rolls back as a whole and each of its
 * commands runs again alone, so one bad command fails only itself.
 *
 * @param <C> a command
 * @param <R> its result, known when its transaction has committed
 */
final class MicroBatcher<C, R> {

    private static final Logger log = LoggerFactory.getLogger(MicroBatcher.class);

    private record Pending<C, R>(C command, Sinks.One<R> result) {
    }

    private final Queue<Pending<C, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final int maxBatch;
    private final Function<List<C>, Mono<List<R>>> together;
    private final Function<C, Mono<R>> alone;

    /**
     * @param together runs commands in one transaction and emits their results in order, after the commit
     * @param alone runs one command in its own transaction
     */
    MicroBatcher(int maxBatch, Function<List<C>, Mono<List<R>>> together, Function<C, Mono<R>> alone) {
        this.maxBatch = Math.max(1, maxBatch);
        this.together = together;
        this.alone = alone;
    }

    Mono<R> submit(C command) {
        return Mono.defer(() -> {
            var result = Sinks.<R>one();
            queue.add(new Pending<>(command, result));
            runNextBatchIfIdle();
            return result.asMono();
        });
    }

    private void runNextBatchIfIdle() {
        while (!queue.isEmpty() && running.compareAndSet(false, true)) {
            var batch = new ArrayList<Pending<C, R>>();
            Pending<C, R> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                running.set(false);
                continue;
            }
            run(batch).doFinally(signal -> {
                running.set(false);
                runNextBatchIfIdle();
            }).subscribe();
            return;
        }
    }

    private Mono<Void> run(List<Pending<C, R>> batch) {
        if (batch.size() == 1) {
            return runAlone(batch.getFirst());
        }
        return together.apply(batch.stream().map(Pending::command).toList())
                .doOnNext(results -> {
                    for (var i = 0; i < batch.size(); i++) {
                        batch.get(i).result().tryEmitValue(results.get(i));
                    }
                })
                .then()
                .onErrorResume(error -> {
                    log.debug("A batch of {} failed ({}); running its commands one by one", batch.size(), error.toString());
                    return Flux.fromIterable(batch).concatMap(this::runAlone).then();
                });
    }

    private Mono<Void> runAlone(Pending<C, R> pending) {
        return alone.apply(pending.command())
                .doOnSuccess(result -> {
                    if (result == null) {
                        pending.result().tryEmitEmpty();
                    } else {
                        pending.result().tryEmitValue(result);
                    }
                })
                .doOnError(pending.result()::tryEmitError)
                .onErrorComplete()
                .then();
    }
}
