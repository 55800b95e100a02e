package io.piaf.outbox.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import io.piaf.outbox.EventTypes;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@Component
class R2dbcOutbox implements Outbox {

    private static final String WAKEUP_REGISTERED = R2dbcOutbox.class.getName() + ".wakeup";

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
                    if (tx.isSynchronizationActive() && !tx.hasResource(WAKEUP_REGISTERED)) {
                        tx.bindResource(WAKEUP_REGISTERED, Boolean.TRUE);
                        tx.registerSynchronization(wakeups.afterCommit());
                    }
                    var type = EventTypes.nameOf(event.getClass());
                    return store.append(UUID.randomUUID(), type, json.writeValueAsBytes(event), listeners.listenerIdsFor(type));
                });
    }

    private static IllegalStateException outsideTransaction(Object event) {
        return new IllegalStateException("Outbox.append(" + event.getClass().getSimpleName()
                + ") needs the R2DBC transaction of the state change it announces; none is active");
    }
}
