package io.piaf.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.testing.PiafTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Commit → listener start latency of the outbox in one process (run by bench/outbox-latency/run, not by the test
 * suite). The clock starts in the transaction's afterCommit callback and stops when the listener is invoked. The
 * baseline printed beside it is the latency of a bare committed transaction on the same database.
 */
@Tag("bench")
@PiafTest
@Import(OutboxLatencyBenchmark.Probe.class)
class OutboxLatencyBenchmark {

    record Ticked(UUID id) {
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Probe {
        final Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        final Map<UUID, Long> startedAt = new ConcurrentHashMap<>();
        volatile CountDownLatch remaining = new CountDownLatch(0);

        @OutboxListener(id = "bench.latency")
        Mono<Void> on(Ticked event) {
            startedAt.put(event.id(), System.nanoTime());
            remaining.countDown();
            return Mono.empty();
        }
    }

    @Autowired Outbox outbox;
    @Autowired Probe probe;
    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactions;

    @Test
    void commit_to_listener_start() throws InterruptedException {
        var tx = TransactionalOperator.create(transactions);
        int measured = Integer.getInteger("bench.events", 3000), concurrency = Integer.getInteger("bench.concurrency", 4);
        run(tx, 500, 1); // warm-up

        var baseline = bareCommits(tx, 2000);
        System.out.printf("%nOUTBOX LATENCY (%d events per run)%n", measured);
        System.out.printf("  baseline, bare BEGIN+INSERT+COMMIT round trip: p50 %.2f ms, p99 %.2f ms%n",
                percentile(baseline, 50), percentile(baseline, 99));
        for (var writers : new int[] { 1, concurrency }) {
            probe.committedAt.clear();
            probe.startedAt.clear();
            var wall = System.nanoTime();
            run(tx, measured, writers);
            var seconds = (System.nanoTime() - wall) / 1e9;
            var latencies = new ArrayList<Double>();
            probe.startedAt.forEach((id, start) -> latencies.add((start - probe.committedAt.get(id)) / 1e6));
            System.out.printf("  %d writer(s), %.0f events/s: commit -> listener start p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 10 ms; p99 / bare commit p99 = %.1f)%n",
                    writers, measured / seconds, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100),
                    percentile(latencies, 99) / percentile(baseline, 99));
        }
        System.out.println("END");
    }

    private void run(TransactionalOperator tx, int events, int concurrency) throws InterruptedException {
        probe.remaining = new CountDownLatch(events);
        Flux.range(0, events)
                .flatMap(i -> {
                    var event = new Ticked(UUID.randomUUID());
                    return tx.transactional(TransactionSynchronizationManager.forCurrentTransaction()
                            .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                                @Override
                                public Mono<Void> afterCommit() {
                                    probe.committedAt.put(event.id(), System.nanoTime());
                                    return Mono.empty();
                                }
                            }))
                            .then(outbox.append(event)));
                }, concurrency)
                .blockLast(Duration.ofMinutes(5));
        if (!probe.remaining.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException(probe.remaining.getCount() + " events never reached the listener");
        }
    }

    private List<Double> bareCommits(TransactionalOperator tx, int n) {
        db.sql("create table if not exists public.bench_commit (id uuid primary key)").then().block();
        var latencies = Collections.synchronizedList(new ArrayList<Double>());
        Flux.range(0, n).concatMap(i -> {
            var start = System.nanoTime();
            return tx.transactional(db.sql("insert into public.bench_commit values ($1)").bind(0, UUID.randomUUID()).then())
                    .doOnSuccess(v -> latencies.add((System.nanoTime() - start) / 1e6));
        }).blockLast();
        return latencies;
    }

    private static double percentile(List<Double> values, double p) {
        var sorted = values.stream().sorted().toList();
        var index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
