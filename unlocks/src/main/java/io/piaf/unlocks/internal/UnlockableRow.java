package io.piaf.unlocks.internal;

import java.time.Instant;

import io.piaf.identity.UserId;
import io.piaf.unlocks.UnlockableId;
import io.piaf.unlocks.internal.domain.PostTemplate;

/** An item as stored; {@code contentText} or {@code contentUrl} may be null, not both. */
record UnlockableRow(UnlockableId id, UserId creator, String creatorHandle, String title, String teaser, String contentText,
        String contentUrl, PostTemplate template, Instant createdAt) {
}
