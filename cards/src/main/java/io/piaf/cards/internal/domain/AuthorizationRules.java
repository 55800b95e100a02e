package io.piaf.cards.internal.domain;

import java.time.YearMonth;
import java.util.Optional;

/**
 * The issuer's decision before money is looked at, in the order networks expect: the card itself (status, expiry,
 * card data), then the holder's controls (channel, merchant category, country), then the limits. Funds are checked
 * last, by the payments ledger when the hold is placed. Empty means approve so far.
 */
public final class AuthorizationRules {

    /** The largest amount the issuer accepts in one message: 10,000.00. */
    public static final long MAX_AMOUNT = Controls.MAX_LIMIT;

    private AuthorizationRules() {
    }

    public static Optional<DeclineReason> decide(CardState card, Authorization request, YearMonth now) {
        if (request.amount() <= 0 || request.amount() > MAX_AMOUNT) {
            return Optional.of(DeclineReason.INVALID_AMOUNT);
        }
        if (card.status() == CardStatus.CANCELLED) {
            return Optional.of(DeclineReason.CARD_CANCELLED);
        }
        if (card.status() == CardStatus.FROZEN) {
            return Optional.of(DeclineReason.CARD_FROZEN);
        }
        if (card.expiry().isBefore(now)) {
            return Optional.of(DeclineReason.EXPIRED_CARD);
        }
        if (!card.expiry().equals(request.expiry())) {
            return Optional.of(DeclineReason.INCORRECT_EXPIRY);
        }
        if ((request.channel() == Channel.ONLINE || request.cvcGiven()) && !request.cvcMatches()) {
            return Optional.of(DeclineReason.INCORRECT_CVC);
        }
        var controls = card.controls();
        if ((request.channel() == Channel.ONLINE && !controls.online())
                || (request.channel() == Channel.CONTACTLESS && !controls.contactless())) {
            return Optional.of(DeclineReason.CHANNEL_BLOCKED);
        }
        if (controls.blockedMcc().contains(request.mcc())) {
            return Optional.of(DeclineReason.MCC_BLOCKED);
        }
        if (controls.blockedCountries().contains(request.country())) {
            return Optional.of(DeclineReason.COUNTRY_BLOCKED);
        }
        return limits(controls, card.spentToday(), request.amount());
    }

    /** The limits alone: an incremental authorization adds to what the card spent today. */
    public static Optional<DeclineReason> limits(Controls controls, long spentToday, long amount) {
        if (amount > controls.perTransaction() || Math.addExact(spentToday, amount) > controls.daily()) {
            return Optional.of(DeclineReason.LIMIT_EXCEEDED);
        }
        return Optional.empty();
    }

    /**
     * An incremental authorization: {@code more} on top of {@code authorized} so far. The per-transaction limit applies
     * to the purchase's total, the daily limit to what the card spent today plus the increment.
     */
    public static Optional<DeclineReason> increment(CardStatus status, boolean singleUse, Controls controls, long spentToday,
            long authorized, long more) {
        if (more <= 0 || more > MAX_AMOUNT) {
            return Optional.of(DeclineReason.INVALID_AMOUNT);
        }
        if (status == CardStatus.FROZEN) {
            return Optional.of(DeclineReason.CARD_FROZEN);
        }
        // a used single-use card is cancelled, yet its one purchase may still grow (a tip)
        if (status == CardStatus.CANCELLED && !singleUse) {
            return Optional.of(DeclineReason.CARD_CANCELLED);
        }
        if (Math.addExact(authorized, more) > controls.perTransaction() || Math.addExact(spentToday, more) > controls.daily()) {
            return Optional.of(DeclineReason.LIMIT_EXCEEDED);
        }
        return Optional.empty();
    }
}
