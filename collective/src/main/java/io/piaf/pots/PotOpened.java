package io.piaf.pots;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** An organiser opened a pot at {@code @pot/<slug>}; {@code target} and {@code endsAt} may be null. */
@EventVersion(1)
public record PotOpened(PotId potId, String slug, UserId organiserId, String organiserHandle, String title, Money target,
        Instant endsAt, Instant openedAt) {
}
