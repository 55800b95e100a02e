package io.piaf.platform.background;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * LISTEN on PostgreSQL channels. Each listener gets a connection of its own, outside the pool (a LISTEN holds its
 * connection for as long as it listens), and reconnects with backoff when it is lost. NOTIFY is delivered on commit to
 * every listening connection, so an instance hears the commits of every instance.
 */
@Component
public class PostgresChannels {

    private static final Logger log = LoggerFactory.getLogger(PostgresChannels.class);

    private final ConnectionFactory connections;
    private final Map<String, Boolean> listening = new ConcurrentHashMap<>();

    PostgresChannels(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** Whether a connection listens on {@code channel} now (for health checks). */
    public boolean isListening(String channel) {
        return listening.getOrDefault(channel, false);
    }

    /**
     * The payloads notified on {@code channel} (an absent payload as ""), and "" right after each (re)connection:
     * whatever was notified while no connection listened is lost, so "" means "look again at everything".
     */
    public Flux<String> listen(String channel) {
        var raw = connections instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
                ? inner : connections;
        return Flux.usingWhen(raw.create(),
                        connection -> {
                            var pg = (PostgresqlConnection) connection;
                            return pg.createStatement("LISTEN " + channel).execute()
                                    .flatMap(r -> r.getRowsUpdated()).then()
                                    .doOnSuccess(done -> listening.put(channel, true))
                                    .thenMany(Flux.just("").concatWith(pg.getNotifications()
                                            .map(n -> n.getParameter() == null ? "" : n.getParameter())));
                        },
                        connection -> {
                            listening.put(channel, false);
                            return connection.close();
                        })
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> log.warn("LISTEN {} connection lost, reconnecting: {}", channel, s.failure().toString())));
    }
}
