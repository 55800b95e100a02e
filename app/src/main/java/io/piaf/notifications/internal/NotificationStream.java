package io.piaf.notifications.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * A user's live notifications as server-sent events, each with its seq as the event id. The stream keeps its
 * position (the last seq sent) and on every signal sends what the database holds after it, in order: since a
 * recipient's notifications commit in seq order, nothing is skipped, and nothing is sent twice. A reconnect with
 * {@code Last-Event-ID} resumes from that position; without one the stream starts with what comes next.
 */
@Component
class NotificationStream {

    private static final int BATCH = 100;
    private static final Object TICK = new Object();

    private final NotificationStore store;
    private final NotificationSignals signals;
    private final NotificationsProperties properties;

    NotificationStream(NotificationStore store, NotificationSignals signals, NotificationsProperties properties) {
        this.store = store;
        this.signals = signals;
        this.properties = properties;
    }

    /**
     * @param lastEventId the client's {@code Last-Event-ID}, or null
     * @param expiresAt when the caller's token expires: the stream ends then, and the client reconnects with a fresh
     *        token and its Last-Event-ID
     */
    Flux<ServerSentEvent<Object>> open(UserId user, String lastEventId, Instant expiresAt) {
        var resumeFrom = parse(lastEventId);
        // A comment first, at once: headers reach the client before the first real event.
        var hello = ServerSentEvent.builder().comment("connected").retry(Duration.ofSeconds(2)).build();
        var heartbeats = Flux.interval(properties.heartbeat()).map(i -> ServerSentEvent.builder().comment("heartbeat").build());
        var lifetime = expiresAt == null ? Mono.never() : Mono.delay(Duration.between(Instant.now(), expiresAt).isNegative()
                ? Duration.ZERO : Duration.between(Instant.now(), expiresAt));
        return Flux.concat(Mono.just(hello), Flux.merge(events(user, resumeFrom), heartbeats))
                .takeUntilOther(lifetime);
    }

    private Flux<ServerSentEvent<Object>> events(UserId user, Long resumeFrom) {
        return Flux.defer(() -> {
            // Registered before the first read, so that a commit between the two still wakes this stream.
            Flux<Object> wakeups = Flux.create(sink -> sink.onDispose(signals.register(user, () -> sink.next(TICK))),
                    FluxSink.OverflowStrategy.LATEST);
            var start = resumeFrom != null ? Mono.just(resumeFrom) : store.lastSeq(user);
            return start.flatMapMany(from -> {
                var position = new AtomicLong(from);
                var triggers = Flux.merge(wakeups, Flux.interval(properties.heartbeat()), Mono.just(TICK));
                return triggers.onBackpressureLatest()
                        .concatMap(tick -> unsent(user, position), 1)
                        .map(row -> ServerSentEvent.builder((Object) NotificationViews.render(row))
                                .id(Long.toString(row.seq())).event("notification").build());
            });
        });
    }

    /** Everything after the position, oldest first; moves the position as rows go out. */
    private Flux<NotificationStore.Row> unsent(UserId user, AtomicLong position) {
        return store.after(user, position.get(), BATCH).collectList().flatMapMany(rows -> {
            if (rows.isEmpty()) {
                return Flux.empty();
            }
            position.set(rows.get(rows.size() - 1).seq());
            var page = Flux.fromIterable(rows);
            return rows.size() < BATCH ? page : page.concatWith(Flux.defer(() -> unsent(user, position)));
        });
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            var value = Long.parseLong(lastEventId.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid_last_event_id", "Last-Event-ID is the id of an event this stream sent.");
        }
    }
}
