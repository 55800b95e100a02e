package io.piaf.savings.internal.domain;

import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/**
 * Amounts as the API writes them, with the same grammar as payments: a decimal string with at most two decimals,
 * greater than zero and at most one million euros. JSON numbers, signs, exponents, commas and spaces are refused:
 * money never goes through a float.
 */
public final class Cents {

    public static final long MAX = 1_000_000_00L;

    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,6})(?:\\.([0-9]{1,2}))?");
    private static final Pattern OVER_PRECISE = Pattern.compile("[0-9]+\\.[0-9]{3,}");

    private Cents() {
    }

    /** Cents of an API amount ({@code amount} must be a JSON string, {@code currency} "EUR"), or a 400. */
    public static long parse(Object amount, String currency) {
        if (!(amount instanceof String text)) {
            throw invalid(amount == null ? "An amount is required: {\"amount\":\"12.50\",\"currency\":\"EUR\"}."
                    : "An amount is a decimal string such as \"12.50\", not a JSON number.");
        }
        var m = AMOUNT.matcher(text);
        if (!m.matches()) {
            throw invalid(OVER_PRECISE.matcher(text).matches() ? "An amount has at most 2 decimals."
                    : "An amount is a decimal string such as \"12.50\": digits, at most 2 decimals, no sign or exponent.");
        }
        var fraction = m.group(2) == null ? "00" : m.group(2).length() == 1 ? m.group(2) + "0" : m.group(2);
        var cents = Long.parseLong(m.group(1)) * 100 + Long.parseLong(fraction);
        if (cents <= 0) {
            throw invalid("An amount is greater than zero.");
        }
        if (cents > MAX) {
            throw invalid("That amount is too large.");
        }
        if (!"EUR".equals(currency)) {
            throw ProblemException.badRequest("unsupported_currency", "Piaf holds euros only: currency is \"EUR\".");
        }
        return cents;
    }

    /** {@code 1250 -> "12.50"}, {@code -5 -> "-0.05"}. */
    public static String format(long cents) {
        var abs = Math.abs(cents);
        return (cents < 0 ? "-" : "") + (abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + (abs % 100);
    }

    static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid_amount", detail);
    }
}
