package io.piaf.outbox.internal;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.internal.OutboxStore.Claimed;
import io.piaf.platform.batching.Batches;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs deliveries. The common case is one transaction per listener for a whole batch: claim (delete) its due
 * deliveries, run them in event order (a batch listener gets them all in one call), commit — one round trip to claim
 * and one commit for many deliveries. Listeners never share a transaction, so one listener's failure never re-runs
 * another. When a delivery of a batch fails, the batch rolls back and each of its deliveries is run again alone
 * ({@link Batches#togetherElseOneByOne}), so that only the failing one records a failure and waits for its retry.
 */
final class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    enum Outcome { DELIVERED, ALREADY_DONE, FAILED }

    private final ListenerRegistry registry;
    private final TransactionalOperator transactional;
    private final OutboxStore store;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final OutboxProperties properties;
    private final Timer lag;

    DeliveryDispatcher(ListenerRegistry registry, TransactionalOperator transactional, OutboxStore store, JsonMapper json,
            MeterRegistry meters, OutboxProperties properties) {
        this.registry = registry;
        this.transactional = transactional;
        this.store = store;
        this.json = json;
        this.meters = meters;
        this.properties = properties;
        this.lag = Timer.builder("piaf.outbox.delivery.lag")
                .description("From the event's append to the start of its listener")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /**
     * Delivers one batch of due deliveries to each of these listeners (of one module), one listener after the other:
     * two listeners of one module write the same rows (a recipient's notification counter, say) in event order, and
     * two such batches side by side would deadlock. Emits the largest batch size (a full batch means more may be due).
     */
    Mono<Integer> deliverDue(Flux<String> listeners) {
        return listeners.concatMap(this::deliverDueTo).reduce(0, Math::max);
    }

    /** The listeners of {@code module} that have due deliveries, from the oldest due ones. */
    Flux<String> dueListeners(String module) {
        return store.listenersWithDueDeliveries(registry.idsOf(module));
    }

    private Mono<Integer> deliverDueTo(String listenerId) {
        var sink = registry.sink(listenerId);
        if (sink != null) {
            return deliverInOrder(sink);
        }
        var claimed = new AtomicReference<List<Claimed>>(List.of());
        var batch = store.claimDue(listenerId, properties.batchSize()).collectList()
                .doOnNext(claimed::set)
                .flatMap(deliveries -> invoke(listenerId, deliveries).thenReturn(deliveries));
        var delivered = transactional.transactional(batch)
                .doOnNext(deliveries -> deliveries.forEach(d -> count(d, Outcome.DELIVERED)))
                .map(deliveries -> deliveries.stream().map(d -> Outcome.DELIVERED).toList());
        return Batches.togetherElseOneByOne(delivered, claimed::get, this::deliverAlone)
                .map(List::size)
                .defaultIfEmpty(0);
    }

    /**
     * An external sink's batch: claimed in event order up to the first delivery waiting for a retry, sent, and completed
     * in one transaction once the sink has acknowledged all of it. A failure puts the whole batch back with one backoff
     * (no one-by-one re-run, which would let a later event of an aggregate overtake an earlier one).
     */
    private Mono<Integer> deliverInOrder(ExternalSink sink) {
        var claimed = new AtomicReference<List<Claimed>>(List.of());
        var batch = store.claimDueInOrder(sink.id(), properties.batchSize()).collectList()
                .doOnNext(claimed::set)
                .flatMap(deliveries -> deliveries.isEmpty() ? Mono.just(deliveries)
                        : sink.publish(deliveries).timeout(properties.listenerTimeout()).thenReturn(deliveries));
        return transactional.transactional(batch)
                .doOnNext(deliveries -> deliveries.forEach(d -> count(d, Outcome.DELIVERED)))
                .map(List::size)
                .onErrorResume(error -> {
                    var failed = claimed.get();
                    if (failed.isEmpty()) {
                        return Mono.error(error);
                    }
                    return Flux.fromIterable(failed).concatMap(d -> fail(d, error, failed.get(0).attempts() + 1, d == failed.get(0)))
                            .then(Mono.just(0));
                })
                .defaultIfEmpty(0);
    }

    /**
     * Runs events received from a broker (one poll's records, in order) for one listener, in the listener's own
     * transaction with their inbox rows: the effects and the "received" marks commit together, and a record delivered
     * again finds its mark and is left out (de-duplication on the event id). A batch listener gets the new ones in one
     * call, as from the outbox. Emits how many ran.
     */
    Mono<Integer> deliverReceived(String listenerId, List<Claimed> events) {
        var ids = events.stream().map(Claimed::eventId).distinct().toArray(java.util.UUID[]::new);
        var run = store.markReceived(listenerId, ids).collect(java.util.stream.Collectors.toSet()).flatMap(fresh -> {
            var firstTimes = new java.util.LinkedHashMap<java.util.UUID, Claimed>();
            events.stream().filter(e -> fresh.contains(e.eventId())).forEach(e -> firstTimes.putIfAbsent(e.eventId(), e));
            var toRun = List.copyOf(firstTimes.values());
            return invoke(listenerId, toRun).thenReturn(toRun);
        });
        return transactional.transactional(run)
                .doOnNext(ran -> {
                    var ranIds = ran.stream().map(Claimed::eventId).collect(java.util.stream.Collectors.toSet());
                    events.forEach(e -> count(e, ranIds.remove(e.eventId()) ? Outcome.DELIVERED : Outcome.ALREADY_DONE));
                })
                .map(List::size);
    }

    /** Delivers one delivery in its own transaction, if it is still pending. */
    Mono<Outcome> deliverAlone(Claimed delivery) {
        var run = store.claim(delivery.seq(), delivery.listener())
                .flatMap(current -> invoke(current.listener(), List.of(current)).thenReturn(Outcome.DELIVERED))
                .defaultIfEmpty(Outcome.ALREADY_DONE);
        return transactional.transactional(run)
                .doOnNext(outcome -> count(delivery, outcome))
                .onErrorResume(error -> fail(delivery, error));
    }

    /** Runs claimed deliveries of one listener, in event order: all at once for a batch listener, else one by one. */
    private Mono<Void> invoke(String listenerId, List<Claimed> deliveries) {
        var listener = registry.listener(listenerId);
        if (listener == null) {
            return Mono.error(new IllegalStateException("no listener with id " + listenerId + " in this instance"));
        }
        if (deliveries.isEmpty()) {
            return Mono.empty();
        }
        if (listener.batch()) {
            return Mono.defer(() -> call(listener, new Object[] { deliveries.stream().map(d -> read(listener, d)).toList() }));
        }
        return Flux.fromIterable(deliveries).concatMap(d -> Mono.defer(() -> {
            var delivered = read(listener, d);
            return call(listener, listener.takesContext() ? new Object[] { delivered.event(), delivered.context() }
                    : new Object[] { delivered.event() });
        })).then();
    }

    /** The event of a delivery as its listener reads it; refuses a version the listener does not read. */
    private Delivered<Object> read(ListenerRegistry.Listener listener, Claimed delivery) {
        if (delivery.version() != listener.eventVersion()) {
            throw new IllegalStateException("Event " + delivery.eventId() + " is " + delivery.type() + " v"
                    + delivery.version() + " but listener " + listener.id() + " reads v" + listener.eventVersion());
        }
        lag.record(Duration.between(delivery.occurredAt(), Instant.now()));
        Object event = json.readValue(delivery.payload(), listener.eventClass());
        return new Delivered<>(event, new EventContext(delivery.eventId(), delivery.type(), delivery.version(),
                delivery.occurredAt(), delivery.attempts() + 1));
    }

    private Mono<Void> call(ListenerRegistry.Listener listener, Object[] args) {
        Object result;
        try {
            result = listener.method().invoke(listener.bean(), args);
        } catch (InvocationTargetException e) {
            return Mono.error(e.getCause());
        } catch (IllegalAccessException e) {
            return Mono.error(e);
        }
        var done = result instanceof Publisher<?> publisher ? Mono.from(publisher).then() : Mono.<Void>empty();
        return done.timeout(properties.listenerTimeout());
    }

    private Mono<Outcome> fail(Claimed delivery, Throwable error) {
        return fail(delivery, error, delivery.attempts() + 1, true);
    }

    /** Records a failed attempt; {@code attempt} decides the backoff (an ordered batch backs off as one). */
    private Mono<Outcome> fail(Claimed delivery, Throwable error, int attempt, boolean logIt) {
        var backoff = properties.backoffAfter(attempt);
        if (logIt) {
            log.warn("Delivery of {} #{} to {} failed (attempt {}), retrying in {}: {}", delivery.type(), delivery.seq(),
                    delivery.listener(), attempt, backoff, error.toString());
        }
        count(delivery, Outcome.FAILED);
        var message = String.valueOf(error);
        return store.recordFailure(delivery, backoff, message.length() > 2000 ? message.substring(0, 2000) : message)
                .onErrorResume(e -> Mono.empty()) // the delivery is still due: the next drain retries it
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
