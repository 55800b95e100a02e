package io.piaf.outbox.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Delivers due deliveries. Woken by an in-process hand-off after a local commit, by PostgreSQL NOTIFY after a commit
 * on any instance, and by a slow poll as the safety net (a lost notification, a retry coming due, a lease that
 * left behind by a crash and rolled back). Drains run one at a time; wake-ups that arrive meanwhile fold into one more drain.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DeliveryDispatcher dispatcher;
    private final OutboxWakeups wakeups;
    private final ConnectionFactory connections;
    private final OutboxProperties properties;
    private volatile Disposable running;
    final io.piaf.outbox.ListenConnection listen = new io.piaf.outbox.ListenConnection();
    // When a drain last started or finished a batch: a relay whose last progress is old is stuck (drains run one
    // at a time, and the poll starts one every poll interval).
    private volatile java.time.Instant lastProgress;

    OutboxRelay(DeliveryDispatcher dispatcher, OutboxWakeups wakeups, ConnectionFactory connections,
            OutboxProperties properties) {
        this.dispatcher = dispatcher;
        this.wakeups = wakeups;
        this.connections = connections;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.relayEnabled()) {
            log.info("Outbox relay disabled on this instance (piaf.outbox.relay-enabled=false)");
            return;
        }
        var ticks = Flux.merge(
                Flux.interval(Duration.ZERO, properties.pollInterval()).doOnNext(i -> wakeups.kickAll()),
                notifications().doOnNext(i -> wakeups.kickAll()),
                wakeups.asFlux());
        running = ticks.onBackpressureLatest()
                .concatMap(tick -> drain().onErrorResume(e -> {
                    log.warn("Outbox drain failed, next wake-up retries: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** Drains what the wake-ups asked for, until batches come back short: everything due now has been attempted. */
    Mono<Void> drain() {
        lastProgress = java.time.Instant.now();
        var work = wakeups.takeWork();
        var delivered = work.everything() ? dispatcher.deliverDue() : dispatcher.deliverDue(Flux.fromIterable(work.listeners()));
        return delivered.flatMap(size -> {
            if (size >= properties.batchSize()) {
                wakeups.kickAll();
                return drain();
            }
            return Mono.empty();
        });
    }

    /** LISTEN on a connection of its own, outside the pool; reconnects with backoff and drains on reconnect. */
    private Flux<Boolean> notifications() {
        var raw = connections instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                ? inner : connections;
        return Flux.usingWhen(raw.create(),
                        connection -> {
                            var pg = (PostgresqlConnection) connection;
                            return pg.createStatement("LISTEN " + OutboxStore.CHANNEL).execute()
                                    .flatMap(r -> r.getRowsUpdated()).then()
                                    .doOnSuccess(ok -> listen.connected())
                                    .thenMany(Flux.just(Boolean.TRUE).concatWith(pg.getNotifications()
                                            .filter(n -> !wakeups.instanceId.equals(n.getParameter()))
                                            .map(n -> Boolean.TRUE)));
                        },
                        connection -> connection.close())
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> {
                            listen.lost(s.failure());
                            log.warn("Outbox LISTEN connection lost, reconnecting: {}", s.failure().toString());
                        }));
    }

    /** When a drain last started or delivered a batch; null before the first drain. */
    java.time.Instant lastProgress() {
        return lastProgress;
    }

    boolean enabled() {
        return properties.relayEnabled();
    }

    @Override
    public void stop() {
        var current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    @Override
    public int getPhase() {
        // Start last, stop first: listeners and the database are still there while deliveries finish.
        return Integer.MAX_VALUE - 100;
    }
}
