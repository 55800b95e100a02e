package io.piaf.cards.internal.domain;

/**
 * What a clearing may capture of an authorization. Merchants clear less than they authorized (a partial capture: the
 * rest is released) or a little more (a tip, a fuel pump): an over-capture is accepted within a tolerance of the
 * authorized amount, as networks allow (Visa: 20 % for restaurants, 15 % elsewhere); above it, only the authorized
 * amount is captured.
 */
public final class Clearing {

    private Clearing() {
    }

    /** The most that may be captured of {@code authorized} cents with a tolerance of {@code tolerancePercent}. */
    public static long ceiling(long authorized, int tolerancePercent) {
        return authorized + authorized * tolerancePercent / 100;
    }

    /** What to capture when {@code requested} is cleared. */
    public static long capture(long authorized, long requested, int tolerancePercent) {
        return Math.min(requested, ceiling(authorized, tolerancePercent));
    }
}
