package io.piaf.outbox.internal;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.internal.OutboxStore.Claimed;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed delivery: in one transaction it completes the delivery row and runs the listener, so the effect
 * and the "done" mark commit together (exactly-once effect over at-least-once delivery).
 */
final class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    enum Outcome { DELIVERED, ALREADY_DONE, FAILED }

    private final ListenerRegistry registry;
    private final TransactionalOperator transactional;
    private final OutboxStore store;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Timer lag;

    DeliveryDispatcher(ListenerRegistry registry, TransactionalOperator transactional, OutboxStore store, JsonMapper json,
            MeterRegistry meters) {
        this.registry = registry;
        this.transactional = transactional;
        this.store = store;
        this.json = json;
        this.meters = meters;
        this.lag = Timer.builder("piaf.outbox.delivery.lag")
                .description("From the event's append to the start of its listener")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    Mono<Outcome> dispatch(Claimed delivery, Duration backoff) {
        var listener = registry.listener(delivery.listener());
        if (listener == null) {
            return fail(delivery, backoff, new IllegalStateException("no listener with id " + delivery.listener()
                    + " in this instance"));
        }
        var run = store.complete(delivery).flatMap(mine -> mine
                ? Mono.defer(() -> invoke(listener, delivery)).thenReturn(Outcome.DELIVERED)
                : Mono.just(Outcome.ALREADY_DONE));
        return transactional.transactional(run)
                .doOnNext(outcome -> count(delivery, outcome))
                .onErrorResume(error -> fail(delivery, backoff, error));
    }

    private Mono<Void> invoke(ListenerRegistry.Listener listener, Claimed delivery) {
        lag.record(Duration.between(delivery.occurredAt(), Instant.now()));
        Object event = json.readValue(delivery.payload(), listener.eventClass());
        Object[] args = listener.takesContext()
                ? new Object[] { event, new EventContext(delivery.eventId(), delivery.type(), delivery.occurredAt(), delivery.attempts()) }
                : new Object[] { event };
        Object result;
        try {
            result = listener.method().invoke(listener.bean(), args);
        } catch (InvocationTargetException e) {
            return Mono.error(e.getCause());
        } catch (IllegalAccessException e) {
            return Mono.error(e);
        }
        return result instanceof Publisher<?> publisher ? Mono.from(publisher).then() : Mono.empty();
    }

    private Mono<Outcome> fail(Claimed delivery, Duration backoff, Throwable error) {
        log.warn("Delivery of {} #{} to {} failed (attempt {}), retrying in {}: {}", delivery.type(), delivery.seq(),
                delivery.listener(), delivery.attempts(), backoff, error.toString());
        count(delivery, Outcome.FAILED);
        var message = String.valueOf(error);
        return store.retryLater(delivery, backoff, message.length() > 2000 ? message.substring(0, 2000) : message)
                .onErrorResume(e -> Mono.empty()) // the lease expires and the delivery is claimed again
                .thenReturn(Outcome.FAILED);
    }

    private void count(Claimed delivery, Outcome outcome) {
        Counter.builder("piaf.outbox.deliveries")
                .tag("listener", delivery.listener())
                .tag("outcome", outcome.name().toLowerCase())
                .register(meters)
                .increment();
    }
}
