package io.piaf.outbox.internal;

import java.util.Comparator;
import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * {@code /actuator/outbox}: the backlog and the deliveries that are failing, with their last error; and, where modules
 * take their events from Kafka ({@code piaf.events.kafka.consumed-by}), how far each of their consumers is behind.
 */
@Component
@Endpoint(id = "outbox")
class OutboxEndpoint {

    /** Kafka's own measure, bridged by Spring Kafka's Micrometer listener on the inbox's consumers. */
    static final String LAG_METER = "kafka.consumer.fetch.manager.records.lag.max";

    record Status(long pending, long failing, List<OutboxStore.Failing> failingDeliveries, List<ConsumerLag> consumerLag) {
    }

    /**
     * The most records a consumer ({@code client}, its Kafka client id: {@code consumer-piaf.<module>-<n>}) had still
     * to read of any of its partitions, over Kafka's sampling window.
     */
    record ConsumerLag(String client, long recordsBehind) {
    }

    private final OutboxStore store;
    private final MeterRegistry meters;

    OutboxEndpoint(OutboxStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @ReadOperation
    public Mono<Status> status() {
        return Mono.zip(store.countPending(), store.countFailing(), store.failing(50).collectList())
                .map(t -> new Status(t.getT1(), t.getT2(), t.getT3(), consumerLag()));
    }

    /** A consumer that has not fetched yet has no lag (NaN) and is left out. */
    private List<ConsumerLag> consumerLag() {
        return meters.find(LAG_METER).gauges().stream()
                .filter(gauge -> Double.isFinite(gauge.value()))
                .map(gauge -> new ConsumerLag(String.valueOf(gauge.getId().getTag("client.id")), (long) gauge.value()))
                .sorted(Comparator.comparing(ConsumerLag::client))
                .toList();
    }
}
