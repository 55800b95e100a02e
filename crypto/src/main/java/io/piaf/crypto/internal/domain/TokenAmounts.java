package io.piaf.crypto.internal.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/**
 * Token amounts as the API writes them: a decimal string with at most the token's decimals, greater than zero and
 * at most a million ({@code "5"}, {@code "5.2"}, {@code "5.25"} for EURP's 2 decimals). No sign, exponent, comma or
 * JSON number: a token amount never goes through a float.
 */
public final class TokenAmounts {

    /** The largest amount one operation may name, in whole tokens: beyond it a figure is a typo. */
    public static final long MAX_WHOLE = 1_000_000;

    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,17})(?:\\.([0-9]{1,36}))?");

    private TokenAmounts() {
    }

    /** Base units of {@code text} for a token with {@code decimals} decimals, or 400 {@code invalid_amount}. */
    public static BigInteger parse(String text, int decimals) {
        if (text == null) {
            throw invalid("An amount is required, as a decimal string such as \"5.00\".");
        }
        var m = DECIMAL.matcher(text);
        if (!m.matches()) {
            throw invalid("An amount is a decimal string such as \"5.00\": digits, a dot, no sign or exponent.");
        }
        return toBase(m.group(1), m.group(2), decimals);
    }

    /** Base units of an amount split into its whole part and its decimal digits (the pay-by-post grammar). */
    public static BigInteger toBase(String whole, String fraction, int decimals) {
        if (fraction != null && fraction.length() > decimals) {
            throw invalid("This token has " + decimals + " decimals: an amount has at most " + decimals + " digits after the dot.");
        }
        var value = new BigDecimal(whole + (fraction == null ? "" : "." + fraction));
        if (value.signum() <= 0) {
            throw invalid("An amount is greater than zero.");
        }
        if (value.compareTo(BigDecimal.valueOf(MAX_WHOLE)) > 0) {
            throw invalid("That amount is too large.");
        }
        return value.movePointRight(decimals).toBigIntegerExact();
    }

    /** {@code 500, 2 -> "5.00"}. */
    public static String format(BigInteger base, int decimals) {
        return new BigDecimal(base, decimals).toPlainString();
    }

    /** Euro cents worth {@code base} units of a euro token with {@code decimals} decimals (1 token = 1.00 EUR). */
    public static long euroCents(BigInteger base, int decimals) {
        return new BigDecimal(base, decimals).movePointRight(2).setScale(0, java.math.RoundingMode.DOWN).longValueExact();
    }

    /** Base units of a euro token worth {@code cents}. */
    public static BigInteger fromEuroCents(long cents, int decimals) {
        return BigDecimal.valueOf(cents, 2).movePointRight(decimals).toBigIntegerExact();
    }

    public static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid_amount", detail);
    }
}
