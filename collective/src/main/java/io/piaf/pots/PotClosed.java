package io.piaf.pots;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;

/** The organiser closed the pot: it takes no more contributions; what it holds stays theirs to withdraw. */
@EventVersion(1)
public record PotClosed(PotId potId, UserId organiserId, Instant closedAt) {
}
