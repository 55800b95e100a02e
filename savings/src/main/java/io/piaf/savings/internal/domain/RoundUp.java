package io.piaf.savings.internal.domain;

import java.util.Set;

import io.piaf.common.ProblemException;

/**
 * Round-ups: each purchase or payment out of the wallet is rounded up to the next euro and the spare change, times a
 * multiplier (×1–×10), goes into the vault the user chose. A whole-euro amount leaves no change.
 */
public final class RoundUp {

    public static final int MIN_MULTIPLIER = 1;
    public static final int MAX_MULTIPLIER = 10;

    /**
     * Ledger transfer kinds that are spending: payments to people and charities, and card purchases (published by
     * the cards module through the same ledger). Savings' own moves, top-ups and refunds are not.
     */
    private static final Set<String> SPENDING = Set.of("PAYMENT", "DONATION", "CARD_PURCHASE");

    private RoundUp() {
    }

    public static boolean appliesTo(String transferKind) {
        return SPENDING.contains(transferKind);
    }

    /** The cents to save for a spending of {@code spentCents}: the change to the next euro, times the multiplier. */
    public static long of(long spentCents, int multiplier) {
        if (spentCents <= 0) {
            return 0;
        }
        return (100 - spentCents % 100) % 100 * (long) multiplier;
    }

    public static int multiplier(Integer requested) {
        if (requested == null || requested < MIN_MULTIPLIER || requested > MAX_MULTIPLIER) {
            throw ProblemException.badRequest("invalid_multiplier", "The round-up multiplier is a whole number from 1 to 10.");
        }
        return requested;
    }
}
