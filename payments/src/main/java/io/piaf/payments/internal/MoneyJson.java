package io.piaf.payments.internal;

import io.piaf.common.ApiFormats;
import io.piaf.payments.Money;
import io.piaf.payments.internal.domain.Amounts;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** Money as the API writes and reads it: {@code {"amount":"12.50","currency":"EUR"}}. */
@Schema(name = "Money", description = "An amount of money: a decimal string, never a JSON number")
record MoneyJson(
        @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX,
                example = "12.50") Object amount,
        @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "EUR") String currency) {

    /** How a client writes money in a request (for the OpenAPI description: requests read it as a {@link MoneyJson}). */
    @Schema(name = "MoneyInput", description = "An amount of money in a request: a decimal string above zero with at most "
            + "two decimals, at most 1000000.00; a JSON number is refused (it would have gone through a float)")
    record Input(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.AMOUNT_INPUT, maxLength = ApiFormats.AMOUNT_INPUT_MAX,
                    example = "12.50") String amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "EUR") String currency) {
    }

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
        return Money.fromApi(money.amount(), money.currency()).minorUnits();
    }
}
