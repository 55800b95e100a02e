package io.piaf.outbox.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import io.piaf.outbox.ComposedEvent;
import io.piaf.outbox.EventTypes;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gathers a transaction's events and writes them all in one statement just before it commits (a payment announces
 * three events; a micro-batch of confirmations, dozens): one round trip per transaction instead of one per event,
 * still inside the transaction, so they commit or roll back with the change they announce.
 */
@Component
class R2dbcOutbox implements Outbox {

    private static final String PENDING = R2dbcOutbox.class.getName() + ".pending";

    private final OutboxStore store;
    private final ListenerRegistry listeners;
    private final OutboxWakeups wakeups;
    private final JsonMapper json;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    R2dbcOutbox(OutboxStore store, ListenerRegistry listeners, OutboxWakeups wakeups, JsonMapper json,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.store = store;
        this.listeners = listeners;
        this.wakeups = wakeups;
        this.json = json;
        this.meters = meters;
    }

    /**
     * Business metrics for free: {@code piaf.events.published{type}} counts committed events by type — payments by
     * the state they reached ({@code PaymentCompleted}, {@code PaymentCancelled}, ...), PIN locks, sign-ups.
     */
    private void count(List<OutboxStore.NewEvent> committed) {
        committed.forEach(e -> countPublished(e.type()));
    }

    private void countPublished(String type) {
        meters.counter("piaf.events.published", "type", type).increment();
    }

    @Override
    public Mono<Void> append(Object event) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorMap(NoTransactionException.class, e -> outsideTransaction(event))
                .flatMap(tx -> {
                    if (!tx.isActualTransactionActive()) {
                        return Mono.error(outsideTransaction(event));
                    }
                    var type = EventTypes.nameOf(event.getClass());
                    var appended = new OutboxStore.NewEvent(UUID.randomUUID(), type, EventTypes.versionOf(event.getClass()),
                            json.writeValueAsString(event), listeners.listenerIdsFor(type));
                    if (!tx.isSynchronizationActive()) { // no commit hook to flush from: write it now
                        return store.append(List.of(appended), wakeups.instanceId).doOnSuccess(done -> count(List.of(appended)));
                    }
                    var pending = (Pending) tx.getResource(PENDING);
                    if (pending == null) {
                        pending = new Pending();
                        tx.bindResource(PENDING, pending);
                        tx.registerSynchronization(pending);
                    }
                    pending.add(appended);
                    return Mono.<Void>empty();
                });
    }

    @Override
    public Mono<Void> flush() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .flatMap(tx -> {
                    var pending = tx.isSynchronizationActive() ? (Pending) tx.getResource(PENDING) : null;
                    return pending == null ? Mono.<Void>empty() : pending.write();
                });
    }

    @Override
    public ComposedEvent compose(Object event) {
        var type = EventTypes.nameOf(event.getClass());
        var listenerIds = listeners.listenerIdsFor(type);
        return new ComposedEvent(UUID.randomUUID(), type, EventTypes.versionOf(event.getClass()), json.writeValueAsString(event),
                List.of(listenerIds), OutboxStore.WakeUp.payload(wakeups.instanceId, listenerIds));
    }

    @Override
    public void committed(ComposedEvent event) {
        wakeups.kick(Set.copyOf(event.listeners()));
        countPublished(event.type());
    }

    /** The events of one transaction, written before its commit; their listeners woken after it. */
    private final class Pending implements TransactionSynchronization {

        private final List<OutboxStore.NewEvent> events = new ArrayList<>();
        private final Set<String> listenersToWake = new HashSet<>();
        private int written;

        synchronized void add(OutboxStore.NewEvent event) {
            events.add(event);
            listenersToWake.addAll(List.of(event.listeners()));
        }

        /** The events not written yet, in one statement. */
        Mono<Void> write() {
            return Mono.defer(() -> {
                List<OutboxStore.NewEvent> toWrite;
                synchronized (this) {
                    toWrite = List.copyOf(events.subList(written, events.size()));
                    written = events.size();
                }
                return toWrite.isEmpty() ? Mono.empty() : store.append(toWrite, wakeups.instanceId);
            });
        }

        @Override
        public Mono<Void> beforeCommit(boolean readOnly) {
            return write();
        }

        @Override
        public Mono<Void> afterCommit() {
            return Mono.fromRunnable(() -> {
                synchronized (this) {
                    wakeups.kick(Set.copyOf(listenersToWake));
                    count(events);
                }
            });
        }
    }

    private static IllegalStateException outsideTransaction(Object event) {
        return new IllegalStateException("Outbox.append(" + event.getClass().getSimpleName()
                + ") needs the R2DBC transaction of the state change it announces; none is active");
    }
}
