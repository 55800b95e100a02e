package io.piaf.outbox;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Appends events to the outbox inside the caller's current R2DBC transaction. Outside a transaction it fails: an
 * event must never be announced for a change that might still roll back, nor be lost for one that committed.
 */
public interface Outbox {

    /** Appends one event; it is delivered to its listeners once the surrounding transaction commits. */
    Mono<Void> append(Object event);

    default Mono<Void> appendAll(List<?> events) {
        return reactor.core.publisher.Flux.fromIterable(events).concatMap(this::append).then();
    }

    /**
     * Writes the events appended so far in this transaction now, in one statement, instead of just before the commit:
     * for a caller about to take locks it holds until the commit (a ledger posting on a shared account), so that the
     * events' insert is not part of the time others wait. Events appended after it are written at the commit.
     */
    Mono<Void> flush();

    /**
     * The event as the caller's own statement appends it ({@link ComposedEvent}): for a state change written by one
     * statement outside a transaction. Nothing is written until that statement runs.
     */
    ComposedEvent compose(Object event);

    /** After the statement that appended {@code event} succeeded: wakes its listeners here and counts it. */
    void committed(ComposedEvent event);
}
