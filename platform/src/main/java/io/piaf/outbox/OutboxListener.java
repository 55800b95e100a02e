package io.piaf.outbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that reacts to one event type, e.g. {@code Mono<Void> on(PostPublished event)} or
 * {@code on(PostPublished event, EventContext context)} — or to a batch of them,
 * {@code Mono<Void> on(List<Delivered<PostPublished>> batch)}, in event order: the relay claims a listener's due
 * deliveries together, and a batch listener writes their effects with one statement per table.
 *
 * <p>The method runs inside its own R2DBC transaction that also completes the delivery: its database writes and the
 * "delivered" mark commit together, so a redelivery after a crash finds nothing to do and the effect happens once.
 * A method returning a {@code Publisher} is awaited; a failure rolls its writes back and the delivery is retried with
 * backoff (a batch that fails is run again one event at a time, so only the failing event waits). Effects outside
 * the database (a push to a browser) are at least once: make them idempotent on
 * {@link EventContext#eventId()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OutboxListener {

    /**
     * The listener's stable id, the key of its deliveries. Defaults to {@code module.SimpleClassName.method}; set it
     * before renaming a class that has undelivered events.
     */
    String id() default "";
}
