package io.piaf.budgets.internal.domain;

import java.util.Map;

import io.piaf.common.ProblemException;

/** What a budget may be: 1 € to 500 € a month, split per creator or per flattr. */
public final class BudgetRules {

    public static final long MIN_MONTHLY = 1_00;
    public static final long MAX_MONTHLY = 500_00;

    private BudgetRules() {
    }

    public static long monthly(long cents) {
        if (cents < MIN_MONTHLY || cents > MAX_MONTHLY) {
            throw new ProblemException(400, "invalid_budget", "A monthly budget is 1.00 to 500.00 EUR.",
                    Map.of("minimum", Cents.format(MIN_MONTHLY), "maximum", Cents.format(MAX_MONTHLY)));
        }
        return cents;
    }

    public static SplitMode split(String text) {
        if (text == null) {
            return SplitMode.PER_CREATOR;
        }
        return switch (text) {
            case "PER_CREATOR" -> SplitMode.PER_CREATOR;
            case "PER_FLATTR" -> SplitMode.PER_FLATTR;
            default -> throw ProblemException.badRequest("invalid_split", "split is PER_CREATOR or PER_FLATTR.");
        };
    }
}
