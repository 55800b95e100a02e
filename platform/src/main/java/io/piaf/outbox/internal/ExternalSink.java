package io.piaf.outbox.internal;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * A listener of the outbox that hands events to a system outside the JVM (a broker's topic) as they were stored:
 * the JSON payload, id, type and version, not a Java object. It has a delivery row per event like any listener, so an
 * event counts as sent only once {@link #publish} completed (the broker acknowledged it), and a failure leaves it
 * pending for a retry without holding back the other listeners.
 *
 * <p>Unlike an in-process listener, a sink is ordered: its deliveries are claimed strictly in event order, never past
 * one that waits for a retry, and a failed batch backs off as a whole instead of being re-run one delivery at a time,
 * so that a consumer reads one aggregate's events in the order they were appended.
 */
interface ExternalSink {

    /** The listener id of its deliveries, e.g. {@code kafka.payments}; its module part names the relay's drain loop. */
    String id();

    /** The logical event types ({@code payments.PaymentCompleted}) it receives. */
    Set<String> eventTypes();

    /** Sends the events, in order; completes once every one of them is acknowledged. */
    Mono<Void> publish(List<OutboxStore.Claimed> events);

    /** A bean that contributes sinks known only from configuration (one per stream of a broker). */
    interface Provider {

        List<ExternalSink> sinks();

        /**
         * Whether {@code module}'s listeners of {@code eventType} receive it from the broker instead of from in-process
         * deliveries (then the outbox gives them none).
         */
        default boolean receivedFromBroker(String module, String eventType) {
            return false;
        }
    }
}
