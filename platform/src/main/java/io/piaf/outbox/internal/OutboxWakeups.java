package io.piaf.outbox.internal;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Wake-ups of this instance's relay, per module: each module's listeners are drained by a loop of their own, so that
 * a module with work never waits for another's batch. A local commit hands over the listeners it has work for, so the
 * relay goes straight to them with no database round trip in between; NOTIFY from another instance and the
 * safety-net poll ask every module for a full look. Hints accumulate while a drain runs, so none is lost.
 */
final class OutboxWakeups {

    /** Identifies this instance's NOTIFYs, which its relay ignores (the in-process hand-off already woke it). */
    final String instanceId = UUID.randomUUID().toString();

    /** One module's wake-ups. */
    private static final class Module {
        final Sinks.Many<Boolean> sink = Sinks.many().multicast().directBestEffort();
        final Set<String> hintedListeners = ConcurrentHashMap.newKeySet();
        volatile boolean fullLookNeeded = true;

        void signal() {
            // Concurrent commits emit from several threads: retry the lost race instead of dropping the kick.
            sink.emitNext(Boolean.TRUE, (signal, result) -> result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
        }
    }

    private final ConcurrentHashMap<String, Module> modules = new ConcurrentHashMap<>();

    /** What the next drain of a module should look at: everything due, or these listeners. */
    record Work(boolean everything, Set<String> listeners) {
    }

    void kick(Set<String> listeners) {
        for (var listener : listeners) {
            var module = module(ListenerIds.moduleOf(listener));
            module.hintedListeners.add(listener);
            module.signal();
        }
    }

    void kickAll() {
        modules.values().forEach(module -> {
            module.fullLookNeeded = true;
            module.signal();
        });
    }

    void kickAll(String moduleName) {
        var module = module(moduleName);
        module.fullLookNeeded = true;
        module.signal();
    }

    Work takeWork(String moduleName) {
        var module = module(moduleName);
        var everything = module.fullLookNeeded;
        module.fullLookNeeded = false;
        var listeners = Set.copyOf(module.hintedListeners);
        module.hintedListeners.removeAll(listeners);
        return new Work(everything, listeners);
    }

    /** The wake-ups of one module (a module the relay does not drain is never asked for). */
    Flux<Boolean> asFlux(String moduleName) {
        return module(moduleName).sink.asFlux();
    }

    private Module module(String name) {
        return modules.computeIfAbsent(name, n -> new Module());
    }
}
