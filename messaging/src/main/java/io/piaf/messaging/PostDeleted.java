package io.piaf.messaging;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;

/** Its author deleted a post: it left every timeline (unlocks revokes an unlock whose post is deleted early). */
@EventVersion(1)
public record PostDeleted(PostId postId, UserId authorId, Instant publishedAt, Instant deletedAt) {
}
