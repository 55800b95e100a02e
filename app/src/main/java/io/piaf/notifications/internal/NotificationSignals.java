package io.piaf.notifications.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.platform.background.BackgroundWork;
import io.piaf.platform.background.PostgresChannels;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Tells this instance's open streams that their user has something new. The only source is PostgreSQL: one LISTEN
 * connection of its own (outside the pool) receives the NOTIFY of every commit that adds a notification, whichever
 * instance committed it. A signal carries no data, only "read again"; streams read the database, so a lost or
 * repeated signal costs a query, never an item. After a reconnect every stream reads again.
 */
@Component
class NotificationSignals extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(NotificationSignals.class);

    private final PostgresChannels channels;
    private final Map<UUID, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    NotificationSignals(PostgresChannels channels) {
        this.channels = channels;
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

    /** Payloads of the channel; an empty one ("everybody") on every (re)connect. */
    @Override
    protected Flux<String> work() {
        return channels.listen(NotificationStore.CHANNEL).doOnNext(this::signal);
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
}
