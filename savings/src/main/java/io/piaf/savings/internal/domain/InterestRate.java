package io.piaf.savings.internal.domain;

import java.math.BigDecimal;

/**
 * An annual interest rate in parts per million of the balance (4.00 % = 40,000 ppm): a percentage with at most four
 * decimals is a whole number of ppm, so interest is computed on integers, exactly.
 */
public record InterestRate(int ppm) {

    public InterestRate {
        if (ppm < 0 || ppm > 1_000_000) {
            throw new IllegalArgumentException("An annual rate is between 0 and 100 %: " + ppm + " ppm");
        }
    }

    /** {@code "4.00"} (percent) → 40,000 ppm; more than four decimals is refused rather than rounded. */
    public static InterestRate percent(String percent) {
        return percent(new BigDecimal(percent));
    }

    public static InterestRate percent(BigDecimal percent) {
        return new InterestRate(percent.movePointRight(4).intValueExact());
    }

    /** The percentage as the API writes it: at least two decimals, e.g. {@code "4.00"}, {@code "3.125"}. */
    public String percent() {
        var value = BigDecimal.valueOf(ppm, 4).stripTrailingZeros();
        return value.scale() < 2 ? value.setScale(2).toPlainString() : value.toPlainString();
    }
}
