package io.piaf.budgets.internal;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.UUID;

import io.piaf.payments.AccountId;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.WalletId;

/**
 * The ledger transfers of a budget month. Each is keyed by kind and {@code budget:<user>:<yyyy-MM>} (the ledger posts a
 * kind and reference at most once) and has an id derived from them, so a retried step finds the transfer it posted. A
 * creator's pay for a month is keyed by {@code budget-month:<yyyy-MM>:<creator>:<round>}.
 */
final class Funding {

    static final String FUND = "BUDGET_FUND";
    static final String PAYOUT = "BUDGET_PAYOUT";
    static final String RETURN = "BUDGET_RETURN";
    static final String SETTLEMENT = "BUDGET_SETTLEMENT";

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

    /** The month's flattrs paid to a creator from the payouts account, all payers of the round together. */
    static Transfer settlement(YearMonth month, int round, BudgetStore.CreatorTotal owed, AccountId payouts, WalletId wallet) {
        var reference = "budget-month:" + month + ":" + owed.creator() + ":" + round;
        var people = owed.payers() == 1 ? "1 person" : owed.payers() + " people";
        return Transfer.between(id(SETTLEMENT, reference), SETTLEMENT, reference, payouts, "Flattrs of " + month + " paid",
                wallet.account(), "Flattrs, " + month + ", from " + people, Money.eur(owed.amount()));
    }
}
