package io.piaf.outbox.internal;

import java.time.Duration;
import java.util.Comparator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.piaf.outbox.internal.OutboxStore.Claimed;
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
 * expired after a crash). Drains run one at a time; wake-ups that arrive meanwhile fold into one more drain.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final DeliveryDispatcher dispatcher;
    private final OutboxWakeups wakeups;
    private final ConnectionFactory connections;
    private final OutboxProperties properties;
    private final ListenerRegistry listeners;
    private volatile Disposable running;

    OutboxRelay(OutboxStore store, DeliveryDispatcher dispatcher, OutboxWakeups wakeups, ConnectionFactory connections,
            OutboxProperties properties, ListenerRegistry listeners) {
        this.listeners = listeners;
        this.store = store;
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
                Flux.interval(Duration.ZERO, properties.pollInterval()).map(i -> Boolean.TRUE),
                notifications(),
                wakeups.asFlux());
        running = ticks.onBackpressureLatest()
                .concatMap(tick -> drain().onErrorResume(e -> {
                    log.warn("Outbox drain failed, next wake-up retries: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    /** Drains until a claim comes back short: everything due now has been attempted. */
    Mono<Void> drain() {
        return store.claim(properties.batchSize(), properties.lease(), listeners.allIds())
                .collectList()
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0) : deliver(batch).thenReturn(batch.size()))
                .flatMap(size -> size >= properties.batchSize() ? drain() : Mono.empty());
    }

    /** One listener's deliveries run in event order; different listeners run side by side. */
    private Mono<Void> deliver(java.util.List<Claimed> batch) {
        return Flux.fromIterable(batch)
                .sort(Comparator.comparingLong(Claimed::seq))
                .groupBy(Claimed::listener)
                .flatMap(perListener -> perListener.concatMap(d -> dispatcher.dispatch(d, properties.backoffAfter(d.attempts()))))
                .then();
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
                                    .thenMany(Flux.just(Boolean.TRUE).concatWith(pg.getNotifications().map(n -> Boolean.TRUE)));
                        },
                        connection -> connection.close())
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> log.warn("Outbox LISTEN connection lost, reconnecting: {}", s.failure().toString())));
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
