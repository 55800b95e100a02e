package io.piaf.cards.internal.domain;

/** How the card was presented: online (card not present, CVV expected), contactless, or chip and PIN at a terminal. */
public enum Channel {
    ONLINE, CONTACTLESS, CHIP
}
