package io.piaf.outbox;

/**
 * One event of a batch handed to a batch listener: {@code Mono<Void> on(List<Delivered<PaymentCompleted>> batch)}.
 * A batch listener writes what a whole relay batch means in one statement per table instead of one per event.
 */
public record Delivered<E>(E event, EventContext context) {
}
