package io.piaf.outbox.internal;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wake-ups of this instance's relay. A local commit hands over the listeners it has work for, so the relay goes
 * straight to them with no database round trip in between; NOTIFY from another instance and the safety-net poll ask
 * for a full look. Hints accumulate while a drain runs, so none is lost.
 */
final class OutboxWakeups {

    /** Identifies this instance's NOTIFYs, which its relay ignores (the in-process hand-off already woke it). */
    final String instanceId = UUID.randomUUID().toString();

    private final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();
    private final Set<String> hintedListeners = ConcurrentHashMap.newKeySet();
    private volatile boolean fullLookNeeded = true;

    /** What the next drain should look at. */
    record Work(boolean everything, Set<String> listeners) {
    }

    void kick(Set<String> listeners) {
        hintedListeners.addAll(listeners);
        signal();
    }

    void kickAll() {
        fullLookNeeded = true;
        signal();
    }

    Work takeWork() {
        var everything = fullLookNeeded;
        fullLookNeeded = false;
        var listeners = Set.copyOf(hintedListeners);
        hintedListeners.removeAll(listeners);
        return new Work(everything, listeners);
    }

    private void signal() {
        // Concurrent commits emit from several threads: retry the lost race instead of dropping the kick.
        sink.emitNext(Boolean.TRUE, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
    }

    Flux<Boolean> asFlux() {
        return sink.asFlux();
    }
}
