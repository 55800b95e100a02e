package io.piaf.messaging;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Commands other modules give messaging. They run inside the caller's R2DBC transaction when there is one, so that
 * e.g. a receipt enters timelines in the same transaction as the listener that reacts to a completed payment. The
 * batch forms write a whole relay batch with one statement per table.
 */
public interface Messaging {

    /** Publishes items into the timelines their visibility allows. Idempotent on {@link TimelineItem#id()}. */
    Mono<Void> publishAll(List<TimelineItem> items);

    /** Attaches (or replaces) annotations on posts; an annotation of a post that does not exist is dropped. */
    Mono<Void> annotatePosts(List<PostAnnotation> annotations);

    /**
     * Publishes a post as {@code author}, on that user's own request made through another module (e.g. the
     * recommendation a user posts to unlock content): the same checks, fan-out and {@link PostPublished} as
     * {@code POST /api/posts}, public. It joins the caller's transaction, so the caller's rows commit with the post or
     * not at all. A text messaging refuses fails with its problem ({@code text_too_long}, {@code invalid_text}).
     */
    Mono<PublishedPost> publishPost(io.piaf.identity.UserId author, String text);

    default Mono<Void> publish(TimelineItem item) {
        return publishAll(List.of(item));
    }

    default Mono<Void> annotatePost(PostId post, String key, Map<String, String> value) {
        return annotatePosts(List.of(new PostAnnotation(post, key, value)));
    }
}
