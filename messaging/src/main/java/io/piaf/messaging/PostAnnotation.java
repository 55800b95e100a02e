package io.piaf.messaging;

import java.util.Map;

/**
 * A named annotation to attach (or replace) on a post, shown only to the post's author, e.g.
 * {@code "payment" -> {"id": ..., "status": "PENDING_CONFIRMATION"}} on a pay-by-post post.
 */
public record PostAnnotation(PostId post, String key, Map<String, String> value) {
}
