package io.piaf.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes an event type beyond the JVM as well: with {@code piaf.events.kafka.enabled}, the outbox sends each such
 * event to the topic of its stream ({@code piaf.<stream>}), keyed by its aggregate so that one aggregate's events keep
 * their order. Putting it on an event makes its JSON ({@link EventVersion}) a contract with consumers outside Piaf.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Externalized {

    /** The stream (one topic per module's public stream), e.g. {@code payments}. */
    String value();

    /**
     * A JSON pointer to the aggregate's id in the event's JSON, e.g. {@code /payment/paymentId}: the record's key, so
     * the events of one aggregate land on one partition, in order.
     */
    String key();
}
