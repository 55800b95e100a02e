package io.piaf.budgets.internal;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.UUID;

import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;

/**
 * The ledger transfers of a budget month. Each is keyed by kind and {@code budget:<user>:<yyyy-MM>} (the ledger posts a
 * kind and reference at most once) and has an id derived from them, so a retried step finds the transfer it posted.
 */
final class Funding {

    static final String FUND = "BUDGET_FUND";
    static final String PAYOUT = "BUDGET_PAYOUT";
    static final String RETURN = "BUDGET_RETURN";

    private Funding() {
    }

    static String reference(UUID user, YearMonth month) {
        return "budget:" + user + ":" + month;
    }

    static TransferId id(String kind, String reference) {
        return new TransferId(UUID.nameUUIDFromBytes((kind + "/" + reference).getBytes(StandardCharsets.UTF_8)));
    }

    static Transfer transfer(BudgetRow budget, long monthly, YearMonth month) {
        var reference = reference(budget.user().value(), month);
        return Transfer.between(id(FUND, reference), FUND, reference, budget.wallet().account(), "Creator budget, " + month,
                budget.account(), "Budget for " + month, Money.eur(monthly));
    }
}
