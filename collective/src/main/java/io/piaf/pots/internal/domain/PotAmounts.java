package io.piaf.pots.internal.domain;

import java.math.BigDecimal;

/** Euro amounts as pots read them: decimal strings with at most 2 decimals, > 0, to integer cents. */
public final class PotAmounts {

    /** No pot holds more than this (a million euros): beyond it an amount is a typo or an attack. */
    public static final long MAX = 100_000_000L;

    private PotAmounts() {
    }

    public static long cents(String integer, String decimals) {
        return cents(integer + (decimals == null ? "" : "." + decimals));
    }

    /** @throws IllegalArgumentException with a sentence for the client */
    public static long cents(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,12}(?:[.,][0-9]{1,2})?")) {
            throw new IllegalArgumentException("An amount is a positive decimal string with at most 2 decimals, e.g. \"10.50\".");
        }
        var cents = new BigDecimal(text.strip().replace(',', '.')).movePointRight(2).longValueExact();
        if (cents <= 0) {
            throw new IllegalArgumentException("An amount is greater than zero.");
        }
        if (cents > MAX) {
            throw new IllegalArgumentException("An amount is at most 1000000.00 EUR.");
        }
        return cents;
    }

    public static String format(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
