package io.piaf.cards.internal.domain;

import java.time.YearMonth;

/** What the authorization rules need to know of a card; {@code spentToday} is already reset on a new day. */
public record CardState(CardStatus status, YearMonth expiry, Controls controls, long spentToday) {
}
