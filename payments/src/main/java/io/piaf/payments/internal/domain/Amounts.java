package io.piaf.payments.internal.domain;

import java.util.regex.Pattern;

import io.piaf.common.ProblemException;
import io.piaf.payments.Money;

/**
 * Amounts as the API writes them: a decimal string with at most two decimals, greater than zero and at most one
 * million euros ({@code "12.50"}, {@code "7.5"}, {@code "20"}). JSON numbers, exponents, signs, commas, spaces,
 * leading zeros and NaN are refused: money never goes through a float.
 */
public final class Amounts {

    /** The largest amount any single operation may name, in cents: beyond it a figure is a typo, not a payment. */
    public static final long MAX_MINOR = 1_000_000_00L;

    private static final Pattern API_AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,8})(?:\\.([0-9]{1,2}))?");

    private Amounts() {
    }

    /** Parses an API amount string into cents, or throws 400 {@code invalid_amount}. */
    public static long parse(String text) {
        if (text == null) {
            throw invalid("An amount is required, as a decimal string such as \"12.50\".");
        }
        var m = API_AMOUNT.matcher(text);
        if (!m.matches()) {
            if (text.matches("-?[0-9]+(\\.[0-9]+)?") && text.contains(".") && text.substring(text.indexOf('.') + 1).length() > 2) {
                throw invalid("An amount has at most 2 decimals.");
            }
            throw invalid("An amount is a decimal string such as \"12.50\": digits, at most 2 decimals, no sign or exponent.");
        }
        return toMinor(m.group(1), m.group(2));
    }

    /**
     * Cents of an amount already split into its whole part and its 0–2 decimal digits (the pay-by-post grammar),
     * checked against zero and the maximum.
     */
    public static long toMinor(String whole, String decimals) {
        var integer = whole.replaceFirst("^0+(?=.)", "");
        if (integer.length() > 7) {
            throw invalid("That amount is too large.");
        }
        var fraction = decimals == null ? "00" : decimals.length() == 1 ? decimals + "0" : decimals;
        var minor = Long.parseLong(integer) * 100 + Long.parseLong(fraction);
        if (minor <= 0) {
            throw invalid("An amount is greater than zero.");
        }
        if (minor > MAX_MINOR) {
            throw invalid("That amount is too large.");
        }
        return minor;
    }

    /** The API's currency check: euros only. */
    public static void requireEuro(String currency) {
        if (!"EUR".equals(currency)) {
            throw ProblemException.badRequest("unsupported_currency", "Piaf holds euros only: currency is \"EUR\".");
        }
    }

    /** {@code 1250 -> "12.50"}, {@code -5 -> "-0.05"}: {@link Money#decimal()}, the one money formatter. */
    public static String format(long minor) {
        return Money.eur(minor).decimal();
    }

    public static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid_amount", detail);
    }
}
