package io.piaf.requests.internal.domain;

import java.math.BigDecimal;

/** Euro amounts as requests read them: decimal strings with at most 2 decimals, > 0, to integer cents. */
public final class RequestAmounts {

    /** No item asks for more than this (10,000 €): beyond it an amount is a typo; payments' own caps apply when paying. */
    public static final long MAX = 1_000_000L;

    private RequestAmounts() {
    }

    /** @throws IllegalArgumentException with a sentence for the client */
    public static long cents(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,12}(?:[.,][0-9]{1,2})?")) {
            throw new IllegalArgumentException("An amount is a positive decimal string with at most 2 decimals, e.g. \"15.00\".");
        }
        var cents = new BigDecimal(text.strip().replace(',', '.')).movePointRight(2).longValueExact();
        if (cents <= 0) {
            throw new IllegalArgumentException("An amount is greater than zero.");
        }
        return cents;
    }

    public static String format(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
