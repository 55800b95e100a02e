package io.piaf.outbox.internal;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** {@code /actuator/outbox}: the backlog and the deliveries that are failing, with their last error. */
@Component
@Endpoint(id = "outbox")
class OutboxEndpoint {

    record Status(long pending, long failing, List<OutboxStore.Failing> failingDeliveries) {
    }

    private final OutboxStore store;

    OutboxEndpoint(OutboxStore store) {
        this.store = store;
    }

    @ReadOperation
    public Mono<Status> status() {
        return Mono.zip(store.countPending(), store.countFailing(), store.failing(50).collectList())
                .map(t -> new Status(t.getT1(), t.getT2(), t.getT3()));
    }
}
