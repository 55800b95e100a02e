package io.piaf.messaging;

import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Commands other modules give messaging. They run inside the caller's R2DBC transaction when there is one, so that
 * e.g. a receipt enters timelines in the same transaction as the listener that reacts to a completed payment.
 */
public interface Messaging {

    /** Publishes an item into the timelines its visibility allows. Idempotent on {@link TimelineItem#id()}. */
    Mono<Void> publish(TimelineItem item);

    /**
     * Attaches (or replaces) a named annotation on a post, shown only to the post's author, e.g.
     * {@code "payment" -> {"id": ..., "status": "PENDING_CONFIRMATION"}} on a pay-by-post post.
     */
    Mono<Void> annotatePost(PostId post, String key, Map<String, String> value);
}
