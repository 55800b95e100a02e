package io.piaf.outbox;

import java.util.List;
import java.util.UUID;

/**
 * An event that the caller's own SQL statement appends to the outbox, for a state change that commits as one
 * statement with no transaction around it (a transaction costs two more round trips: BEGIN and COMMIT). The caller
 * puts {@link #call(int)} where its statement runs the append — in a CTE that yields a row only when the event is to
 * be written, e.g. {@code select <call> from approved} — binds {@link #arguments()} at those positions, and hands the
 * event to {@link Outbox#committed} once the statement has succeeded (its commit): the relay is woken and the event
 * counted then. The append is the outbox's own function ({@code outbox.append_event}): the caller never writes the
 * outbox's tables.
 *
 * @param eventId the event's id, as its listeners will see it
 */
public record ComposedEvent(UUID eventId, String type, int version, String payload, List<String> listeners, String notifyPayload) {

    public ComposedEvent {
        listeners = List.copyOf(listeners);
    }

    /** The append as an SQL expression (it yields the event's seq), its arguments at {@code $first} .. {@code $first+5}. */
    public String call(int first) {
        return "outbox.append_event($%d::uuid, $%d::text, $%d::int, $%d::jsonb, $%d::text[], $%d::text)"
                .formatted(first, first + 1, first + 2, first + 3, first + 4, first + 5);
    }

    /** The values to bind at the positions of {@link #call(int)}, in order. */
    public List<Object> arguments() {
        return List.of(eventId, type, version, payload, listeners.toArray(String[]::new), notifyPayload);
    }

    /**
     * The append of many events of one type in one call ({@code outbox.append_events}), for a statement that appends a
     * batch of them: SQL expressions of two arrays in step — the events' ids and their payloads (e.g. {@code array_agg}s
     * over the caller's rows) —, and what every event of the type shares ({@link #sharedArguments()}) bound at
     * {@code $first} .. {@code $first+3}. A set-returning call yielding {@code appended_event} and {@code appended_seq}
     * per event, in the arrays' order; one wake-up for them all.
     */
    public static String callOnArrays(String eventIds, String payloads, int first) {
        return "outbox.append_events(%s::uuid[], $%d::text, $%d::int, %s::jsonb[], $%d::text[], $%d::text)"
                .formatted(eventIds, first, first + 1, payloads, first + 2, first + 3);
    }

    /** What {@link #callOnArrays} binds: the type, its version, its listeners and the wake-up. */
    public List<Object> sharedArguments() {
        return List.of(type, version, listeners.toArray(String[]::new), notifyPayload);
    }

    /** Whether {@code other} can go in the same {@link #callOnArrays} call as this one. */
    public boolean sharesWith(ComposedEvent other) {
        return type.equals(other.type) && version == other.version && listeners.equals(other.listeners)
                && notifyPayload.equals(other.notifyPayload);
    }
}
