package io.piaf.messaging;

import java.time.Instant;
import java.util.List;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * A published post mentions users who may read it: appended with {@link PostPublished}, in its transaction, only when
 * the post mentions someone other than its author. Messaging answers "who may read it" from its follow graph at that
 * moment, so a listener (notifications) needs no call back into messaging: a FOLLOWERS post leaves out a mentioned
 * non-follower here.
 *
 * @param readers the mentioned users other than the author who may read the post, in order of appearance; may be empty
 */
@EventVersion(1)
@Externalized(value = "messaging", key = "/postId")
public record UsersMentioned(PostId postId, UserId authorId, String authorHandle, String text, List<Mention> readers,
        Instant publishedAt) {
}
