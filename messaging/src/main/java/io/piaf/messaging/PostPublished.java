package io.piaf.messaging;

import java.time.Instant;
import java.util.List;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;

/**
 * A post was published. Carries everything a listener needs (payments parses pay-by-post commands from
 * {@code text} and {@code mentions}) so that no listener reads messaging's tables.
 *
 * @param mentions the {@code @handles} of the text that name existing users, in order of appearance
 * @param tags the {@code #tags} of the text, lower-cased, in order of appearance
 */
@EventVersion(1)
public record PostPublished(PostId postId, UserId authorId, String authorHandle, String text, List<Mention> mentions,
        List<String> tags, Visibility visibility, Instant publishedAt) {
}
