package io.piaf.cards.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Smart batching of one kind of statement: an item submitted while fewer than {@code concurrency} batches are running
 * goes at once, alone; items submitted while they all run wait and go together in the next batch (up to
 * {@code maxBatch}). So a lone request pays no delay, and under load one statement serves many requests — the cost
 * of a statement (a round trip, the executor's start, a commit) is paid once per batch instead of once per item.
 * <p>
 * Two items sharing a key (e.g. a card, a wallet) never go in the same batch: the later one waits for the next. A
 * batch's statement may then treat its rows as independent of each other.
 *
 * @param <I> what is submitted
 * @param <O> each item's own result, in the order of the batch
 */
final class Batcher<I, O> {

    private record Waiting<I, O>(I item, MonoSink<O> sink) {
    }

    private final Function<List<I>, Mono<List<O>>> run;
    private final Function<I, List<Object>> keys;
    private final int maxBatch;
    private final int concurrency;
    private final ArrayDeque<Waiting<I, O>> queue = new ArrayDeque<>();
    private int running;

    /**
     * @param run the statement for a batch: one result per item, in the batch's order (an error fails every item)
     * @param keys the keys an item may not share with another item of its batch
     */
    Batcher(Function<List<I>, Mono<List<O>>> run, Function<I, List<Object>> keys, int maxBatch, int concurrency) {
        if (maxBatch < 1 || concurrency < 1) {
            throw new IllegalArgumentException("A batch holds at least one item and one batch at least runs: " + maxBatch + ", " + concurrency);
        }
        this.run = run;
        this.keys = keys;
        this.maxBatch = maxBatch;
        this.concurrency = concurrency;
    }

    Mono<O> submit(I item) {
        return Mono.create(sink -> {
            synchronized (this) {
                queue.add(new Waiting<>(item, sink));
            }
            drain();
        });
    }

    private void drain() {
        while (true) {
            List<Waiting<I, O>> batch;
            synchronized (this) {
                if (running >= concurrency || queue.isEmpty()) {
                    return;
                }
                batch = take();
                running++;
            }
            start(batch);
        }
    }

    /** The oldest waiting items, up to the batch's size, skipping those that share a key with one already taken. */
    private List<Waiting<I, O>> take() {
        var batch = new ArrayList<Waiting<I, O>>();
        var taken = new HashSet<>();
        for (var it = queue.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
            var waiting = it.next();
            var itemKeys = keys.apply(waiting.item());
            if (itemKeys.stream().noneMatch(taken::contains)) {
                taken.addAll(itemKeys);
                batch.add(waiting);
                it.remove();
            }
        }
        return batch;
    }

    private void start(List<Waiting<I, O>> batch) {
        var items = batch.stream().map(Waiting::item).toList();
        Mono.defer(() -> run.apply(items))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No results for a batch of " + batch.size())))
                .subscribe(
                results -> {
                    if (results.size() != batch.size()) {
                        fail(batch, new IllegalStateException(results.size() + " results for a batch of " + batch.size()));
                        return;
                    }
                    for (var i = 0; i < batch.size(); i++) {
                        batch.get(i).sink().success(results.get(i));
                    }
                },
                error -> {
                    fail(batch, error);
                    finished();
                },
                this::finished);
    }

    private static <I, O> void fail(List<Waiting<I, O>> batch, Throwable error) {
        batch.forEach(w -> w.sink().error(error));
    }

    private void finished() {
        synchronized (this) {
            running--;
        }
        drain();
    }

    /** How many are waiting, for tests and metrics. */
    synchronized int waiting() {
        return queue.size();
    }
}
