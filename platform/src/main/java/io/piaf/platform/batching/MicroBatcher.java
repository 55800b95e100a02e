package io.piaf.platform.batching;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group commit for concurrent commands: while a batch runs, the commands that arrive wait and then run together in
 * the next one, in one transaction with one commit. Nobody waits for a timer: alone, a command runs at once; under
 * load, batches grow by themselves up to {@code maxBatch}, and a batch is exactly what queued while the one before it
 * ran — so the wait a command pays is never more than one batch, and nothing when there is no queue.
 * <p>
 * Commands are spread over {@code lanes} by their key, one batch at a time per lane, so that the round trips of
 * batches of different lanes overlap (what the lanes write must then be safe side by side: payments lock in one global
 * order). A batch holds at most one command per key (for payments, the payer); the next command with the same key
 * waits for the next batch of its lane, so that every command of a batch decides on state no other command of the
 * batch changes. When a batch fails (an unexpected error in any of its commands) it rolls back as a whole and each of its
 * commands runs again alone ({@link Batches#togetherElseOneByOne}).
 *
 * @param <C> a command
 * @param <R> its result, known when its transaction has committed
 */
public final class MicroBatcher<C, R> {

    private record Pending<C, R>(C command, Object key, Sinks.One<R> result) {
    }

    private static final class Lane<C, R> {
        final ConcurrentLinkedDeque<Pending<C, R>> queue = new ConcurrentLinkedDeque<>();
        final AtomicBoolean running = new AtomicBoolean();
    }

    private final List<Lane<C, R>> lanes = new ArrayList<>();
    private final int maxBatch;
    private final Function<C, Object> key;
    private final Function<List<C>, Mono<List<R>>> together;
    private final Function<C, Mono<R>> alone;

    /**
     * @param key commands with the same key never share a batch and always share a lane
     * @param together runs commands in one transaction and emits their results in order, after the commit
     * @param alone runs one command in its own transaction (and retries what is worth retrying)
     */
    public MicroBatcher(int lanes, int maxBatch, Function<C, Object> key, Function<List<C>, Mono<List<R>>> together,
            Function<C, Mono<R>> alone) {
        for (var i = 0; i < Math.max(1, lanes); i++) {
            this.lanes.add(new Lane<>());
        }
        this.maxBatch = Math.max(1, maxBatch);
        this.key = key;
        this.together = together;
        this.alone = alone;
    }

    public Mono<R> submit(C command) {
        if (maxBatch == 1) {
            return Mono.defer(() -> alone.apply(command));
        }
        return Mono.defer(() -> {
            var result = Sinks.<R>one();
            var k = key.apply(command);
            var lane = lanes.get(Math.floorMod(k.hashCode(), lanes.size()));
            lane.queue.addLast(new Pending<>(command, k, result));
            runNextBatchIfIdle(lane);
            return result.asMono();
        });
    }

    private void runNextBatchIfIdle(Lane<C, R> lane) {
        while (!lane.queue.isEmpty() && lane.running.compareAndSet(false, true)) {
            var batch = nextBatch(lane.queue);
            if (batch.isEmpty()) {
                lane.running.set(false);
                continue;
            }
            run(batch).doFinally(signal -> {
                lane.running.set(false);
                runNextBatchIfIdle(lane);
            }).subscribe();
            return;
        }
    }

    /** Only a lane's running batch takes from its queue; others only add at its end. */
    private List<Pending<C, R>> nextBatch(ConcurrentLinkedDeque<Pending<C, R>> queue) {
        var batch = new ArrayList<Pending<C, R>>();
        var keys = new HashSet<>();
        var later = new ArrayList<Pending<C, R>>();
        Pending<C, R> next;
        while (batch.size() < maxBatch && (next = queue.pollFirst()) != null) {
            if (keys.add(next.key())) {
                batch.add(next);
            } else {
                later.add(next);
            }
        }
        for (var i = later.size() - 1; i >= 0; i--) {
            queue.addFirst(later.get(i));
        }
        return batch;
    }

    private Mono<Void> run(List<Pending<C, R>> batch) {
        if (batch.size() == 1) {
            return runAlone(batch.getFirst()).then();
        }
        var results = Mono.defer(() -> together.apply(batch.stream().map(Pending::command).toList()))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("A batch of " + batch.size() + " gave no results")))
                .filter(list -> list.size() == batch.size())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("A batch of " + batch.size() + " gave another number of results")))
                .doOnNext(list -> {
                    for (var i = 0; i < batch.size(); i++) {
                        batch.get(i).result().tryEmitValue(list.get(i));
                    }
                });
        return Batches.togetherElseOneByOne(results, () -> batch, this::runAlone).then();
    }

    /** Runs one command and hands its result (or failure) to its caller; never fails itself. */
    private Mono<R> runAlone(Pending<C, R> pending) {
        return Mono.defer(() -> alone.apply(pending.command()))
                .doOnSuccess(result -> {
                    if (result == null) {
                        pending.result().tryEmitEmpty();
                    } else {
                        pending.result().tryEmitValue(result);
                    }
                })
                .doOnError(pending.result()::tryEmitError)
                .onErrorComplete();
    }
}
