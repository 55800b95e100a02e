package io.piaf.outbox.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import io.piaf.outbox.EventTypes;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Component
class R2dbcOutbox implements Outbox {

    private static final String LISTENERS_TO_WAKE = R2dbcOutbox.class.getName() + ".listeners";

    private final OutboxStore store;
    private final ListenerRegistry listeners;
    private final OutboxWakeups wakeups;
    private final JsonMapper json;

    R2dbcOutbox(OutboxStore store, ListenerRegistry listeners, OutboxWakeups wakeups, JsonMapper json) {
        this.store = store;
        this.listeners = listeners;
        this.wakeups = wakeups;
        this.json = json;
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
                    var ids = listeners.listenerIdsFor(type);
                    if (tx.isSynchronizationActive()) {
                        @SuppressWarnings("unchecked")
                        var toWake = (Set<String>) tx.getResource(LISTENERS_TO_WAKE);
                        if (toWake == null) {
                            toWake = ConcurrentHashMap.newKeySet();
                            tx.bindResource(LISTENERS_TO_WAKE, toWake);
                            tx.registerSynchronization(wakeups.afterCommit(toWake));
                        }
                        toWake.addAll(List.of(ids));
                    }
                    return store.append(UUID.randomUUID(), type, json.writeValueAsBytes(event), ids, wakeups.instanceId);
                });
    }

    private static IllegalStateException outsideTransaction(Object event) {
        return new IllegalStateException("Outbox.append(" + event.getClass().getSimpleName()
                + ") needs the R2DBC transaction of the state change it announces; none is active");
    }
}
