package io.piaf.payments;

import java.util.Objects;

import io.piaf.payments.internal.domain.Amounts;

/**
 * An amount of money in integer minor units (cents). Piaf holds euros only. Signed: ledger legs and system balances
 * may be negative; what a user sends is always positive.
 */
public record Money(long minorUnits, String currency) {

    public static final String EUR = "EUR";

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!EUR.equals(currency)) {
            throw new IllegalArgumentException("Piaf holds EUR only, not " + currency);
        }
    }

    public static Money eur(long minorUnits) {
        return new Money(minorUnits, EUR);
    }

    /**
     * The money a request names, as every module's API reads it: {@code amount} a JSON string (a JSON number would have
     * gone through a float) with at most two decimals, greater than zero and at most one million euros; {@code currency}
     * "EUR".
     *
     * @throws io.piaf.common.ProblemException 400 {@code invalid_amount} or {@code unsupported_currency}
     */
    public static Money fromApi(Object amount, String currency) {
        if (!(amount instanceof String text)) {
            throw Amounts.invalid(amount == null ? "An amount is required, as a decimal string such as \"12.50\"."
                    : "An amount is a decimal string such as \"12.50\", not a JSON number.");
        }
        var cents = Amounts.parse(text);
        if (currency == null) {
            throw io.piaf.common.ProblemException.badRequest("unsupported_currency", "A currency is required: \"EUR\".");
        }
        Amounts.requireEuro(currency);
        return eur(cents);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** The amount as the API writes it: a decimal string with two decimals, e.g. {@code "12.50"} or {@code "-0.05"}. */
    public String decimal() {
        var abs = Math.abs(minorUnits);
        return (minorUnits < 0 ? "-" : "") + (abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + (abs % 100);
    }

    @Override
    public String toString() {
        return decimal() + " " + currency;
    }
}
