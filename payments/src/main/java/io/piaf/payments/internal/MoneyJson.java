package io.piaf.payments.internal;

import io.piaf.common.ProblemException;
import io.piaf.payments.internal.domain.Amounts;

/** Money as the API writes and reads it: {@code {"amount":"12.50","currency":"EUR"}}. */
record MoneyJson(Object amount, String currency) {

    static MoneyJson of(long cents) {
        return new MoneyJson(Amounts.format(cents), "EUR");
    }

    /**
     * Cents of a request's money; the amount must be a JSON string (a JSON number would have gone through a float),
     * the currency EUR.
     */
    static long cents(MoneyJson money) {
        if (money == null) {
            throw Amounts.invalid("An amount is required: {\"amount\":\"12.50\",\"currency\":\"EUR\"}.");
        }
        if (!(money.amount() instanceof String text)) {
            throw Amounts.invalid(money.amount() == null ? "An amount is required, as a decimal string such as \"12.50\"."
                    : "An amount is a decimal string such as \"12.50\", not a JSON number.");
        }
        var cents = Amounts.parse(text);
        if (money.currency() == null) {
            throw ProblemException.badRequest("unsupported_currency", "A currency is required: \"EUR\".");
        }
        Amounts.requireEuro(money.currency());
        return cents;
    }
}
