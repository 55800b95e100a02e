package io.piaf.outbox.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the outbox small and visible: purges delivered events after their retention and the inbox's records of
 * Kafka records after theirs, publishes backlog gauges.
 */
@Component
class OutboxHousekeeping extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(OutboxHousekeeping.class);

    private final OutboxStore store;
    private final OutboxProperties properties;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong failing = new AtomicLong();

    OutboxHousekeeping(OutboxStore store, OutboxProperties properties, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        Gauge.builder("piaf.outbox.deliveries.pending", pending, AtomicLong::get)
                .description("Deliveries not yet completed").register(meters);
        Gauge.builder("piaf.outbox.deliveries.failing", failing, AtomicLong::get)
                .description("Deliveries whose last attempt failed and that wait for a retry").register(meters);
    }

    Mono<Void> runOnce() {
        return store.countPending().doOnNext(pending::set)
                .then(store.countFailing().doOnNext(failing::set))
                .then(properties.relayEnabled() ? store.purgeDelivered(properties.retention()) : Mono.just(0L))
                .doOnNext(purged -> {
                    if (purged > 0) {
                        log.debug("Purged {} delivered outbox events", purged);
                    }
                })
                .then(store.purgeInbox(properties.inboxRetention()))
                .doOnNext(purged -> {
                    if (purged > 0) {
                        log.debug("Purged {} inbox records of Kafka records", purged);
                    }
                })
                .then();
    }

    @Override
    protected Flux<Void> work() {
        return Flux.interval(properties.housekeepingInterval())
                .concatMap(i -> runOnce().onErrorResume(e -> {
                    log.warn("Outbox housekeeping failed: {}", e.toString());
                    return Mono.empty();
                }));
    }
}
