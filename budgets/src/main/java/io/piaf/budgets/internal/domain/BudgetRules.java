package io.piaf.budgets.internal.domain;

import io.piaf.common.ProblemException;
import io.piaf.payments.Money;

/** What a budget may be: 1 € to 500 € a month, split per creator or per flattr. */
public final class BudgetRules {

    public static final long MIN_MONTHLY = 1_00;
    public static final long MAX_MONTHLY = 500_00;

    private BudgetRules() {
    }

    public static long monthly(long cents) {
        if (cents < MIN_MONTHLY || cents > MAX_MONTHLY) {
            throw ProblemException.badRequest("invalid_budget",
                    "A monthly budget is " + Money.eur(MIN_MONTHLY).decimal() + " to " + Money.eur(MAX_MONTHLY).decimal() + " EUR.");
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
