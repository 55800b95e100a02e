package io.piaf.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * Delivery metadata a listener may take as its second parameter.
 *
 * @param eventId unique per appended event; the key for idempotent side effects
 * @param type the event's logical name, e.g. {@code payments.PaymentCompleted}
 * @param version the version of its JSON shape ({@link io.piaf.common.EventVersion})
 * @param occurredAt when the event was appended
 * @param attempt 1 for the first delivery to this listener
 */
public record EventContext(UUID eventId, String type, int version, Instant occurredAt, int attempt) {
}
