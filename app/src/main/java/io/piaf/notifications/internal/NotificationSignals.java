package io.piaf.notifications.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Tells this instance's open streams that their user has something new. The only source is PostgreSQL: one LISTEN
 * connection of its own (outside the pool) receives the NOTIFY of every commit that adds a notification, whichever
 * instance committed it. A signal carries no data, only "read again"; streams read the database, so a lost or
 * repeated signal costs a query, never an item. After a reconnect every stream reads again.
 */
@Component
class NotificationSignals implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationSignals.class);

    private final ConnectionFactory connections;
    final io.piaf.outbox.ListenConnection listen = new io.piaf.outbox.ListenConnection();
    private final Map<UUID, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private volatile Disposable running;

    NotificationSignals(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** Calls {@code onSignal} whenever {@code user} may have new notifications, until disposed. */
    Disposable register(UserId user, Runnable onSignal) {
        listeners.computeIfAbsent(user.value(), u -> ConcurrentHashMap.newKeySet()).add(onSignal);
        return () -> listeners.computeIfPresent(user.value(), (u, set) -> {
            set.remove(onSignal);
            return set.isEmpty() ? null : set;
        });
    }

    int streams() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void start() {
        running = listen().subscribe(this::signal);
    }

    private void signal(String payload) {
        if (payload.isEmpty()) {
            listeners.values().forEach(set -> set.forEach(Runnable::run));
            return;
        }
        try {
            var set = listeners.get(UUID.fromString(payload));
            if (set != null) {
                set.forEach(Runnable::run);
            }
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a notification signal that names no user: {}", payload);
        }
    }

    /** Payloads of the channel; an empty one ("everybody") on every (re)connect. */
    private Flux<String> listen() {
        var raw = connections instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                ? inner : connections;
        return Flux.usingWhen(raw.create(),
                        connection -> {
                            var pg = (PostgresqlConnection) connection;
                            return pg.createStatement("LISTEN " + NotificationStore.CHANNEL).execute()
                                    .flatMap(r -> r.getRowsUpdated()).then()
                                    .doOnSuccess(ok -> listen.connected())
                                    .thenMany(Flux.just("").concatWith(pg.getNotifications()
                                            .map(n -> n.getParameter() == null ? "" : n.getParameter())));
                        },
                        connection -> connection.close())
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> {
                            listen.lost(s.failure());
                            log.warn("Notifications LISTEN connection lost, reconnecting: {}", s.failure().toString());
                        }));
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
}
