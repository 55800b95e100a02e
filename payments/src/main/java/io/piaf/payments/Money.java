package io.piaf.payments;

import java.util.Objects;

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
