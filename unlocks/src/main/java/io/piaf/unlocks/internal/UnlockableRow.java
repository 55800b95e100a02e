package io.piaf.unlocks.internal;

import java.time.Instant;

import io.piaf.identity.UserId;
import io.piaf.unlocks.UnlockableId;
import io.piaf.unlocks.internal.domain.PostTemplate;

/**
 * An item as stored; {@code contentText}, {@code contentUrl} and {@code file} may be null, not all three; {@code price}
 * (cents) is null when it is unlocked by posting only.
 */
record UnlockableRow(UnlockableId id, UserId creator, String creatorHandle, String title, String teaser, String contentText,
        String contentUrl, FileRow file, PostTemplate template, Instant createdAt, Long price) {
}
