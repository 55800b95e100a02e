package io.piaf.cards.internal.domain;

import java.time.YearMonth;

/**
 * An authorization request as the issuer decides it, once the card is found.
 *
 * @param amount cents asked for; the network's currency is checked before
 * @param expMonth the expiry the terminal read (may differ from the card's when it is forged)
 * @param cvcGiven whether the message carried a CVC, and {@code cvcMatches} whether it was right
 */
public record Authorization(long amount, String mcc, String country, Channel channel, int expMonth, int expYear,
        boolean cvcGiven, boolean cvcMatches) {

    public YearMonth expiry() {
        return YearMonth.of(expYear, expMonth);
    }
}
