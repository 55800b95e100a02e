package io.piaf.messaging;

import java.time.Instant;

/**
 * A post published on a user's request through {@link Messaging#publishPost}.
 *
 * @param audience the author's followers at publish time: how many home timelines the post reached
 */
public record PublishedPost(PostId id, String text, Instant publishedAt, int audience) {
}
