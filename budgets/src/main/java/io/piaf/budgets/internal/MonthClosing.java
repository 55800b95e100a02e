package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.piaf.budgets.BudgetMonthClosed;
import io.piaf.budgets.internal.domain.BudgetSplit;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.WalletId;

/**
 * What closing a batch of budget months writes, computed before anything is written: one transfer per month (budget
 * account → creators' wallets + fee account, or back to the user's wallet), its payout rows, its event.
 */
final class MonthClosing {

    record Plan(List<Transfer> transfers, List<BudgetStore.Closed> closed, List<BudgetStore.Payout> payouts,
            List<Object> events, Instant at) {
    }

    Plan plan(List<MonthRow> months, List<FlattrRow> flattrs, Map<UUID, WalletId> creatorWallets, AccountId fees,
            Map<UUID, BudgetRow> budgets, Instant at) {
        var byMonth = new HashMap<String, List<FlattrRow>>();
        for (var f : flattrs) {
            byMonth.computeIfAbsent(f.user() + "/" + f.month(), k -> new ArrayList<>()).add(f);
        }
        var plan = new Plan(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), at);
        for (var month : months) {
            var creators = MonthSplits.byCreator(byMonth.getOrDefault(month.user().value() + "/" + month.month(), List.of()));
            var budget = budgets.get(month.user().value());
            var ym = month.yearMonth();
            switch (BudgetSplit.split(month.amount(), month.feeBps(), month.split(), MonthSplits.creators(creators))) {
                case BudgetSplit.Returned returned -> returned(plan, month, budget, ym);
                case BudgetSplit.Paid paid -> paid(plan, month, budget, ym, creators, paid, creatorWallets, fees);
            }
        }
        return plan;
    }

    private static void returned(Plan plan, MonthRow month, BudgetRow budget, YearMonth ym) {
        var reference = Funding.reference(month.user().value(), ym);
        var id = Funding.id(Funding.RETURN, reference);
        plan.transfers().add(Transfer.between(id, Funding.RETURN, reference, budget.account(), "Returned, nothing flattred in " + ym,
                budget.wallet().account(), "Creator budget returned, " + ym, Money.eur(month.amount())));
        plan.closed().add(new BudgetStore.Closed(month.user().value(), month.month(), "RETURNED", 0, id.value()));
        plan.events().add(new BudgetMonthClosed(month.user(), ym.toString(), Money.eur(month.amount()), Money.eur(0), true, List.of(),
                id, plan.at()));
    }

    private static void paid(Plan plan, MonthRow month, BudgetRow budget, YearMonth ym, List<MonthSplits.CreatorFlattrs> creators,
            BudgetSplit.Paid paid, Map<UUID, WalletId> wallets, AccountId fees) {
        var reference = Funding.reference(month.user().value(), ym);
        var id = Funding.id(Funding.PAYOUT, reference);
        var legs = new ArrayList<Transfer.Leg>();
        legs.add(new Transfer.Leg(budget.account(), Money.eur(-month.amount()), "Flattrs of " + ym));
        var payouts = new ArrayList<BudgetMonthClosed.Payout>();
        for (var i = 0; i < creators.size(); i++) {
            var creator = creators.get(i);
            var amount = paid.shares().get(i).amount();
            if (amount > 0) {
                legs.add(new Transfer.Leg(wallets.get(creator.creator()).account(), Money.eur(amount), "Flattrs, " + ym));
            }
            plan.payouts().add(new BudgetStore.Payout(month.user().value(), month.month(), creator.creator(), amount, creator.flattrs().size()));
            payouts.add(new BudgetMonthClosed.Payout(new UserId(creator.creator()), Money.eur(amount), creator.flattrs().size()));
        }
        if (paid.fee() > 0) {
            legs.add(new Transfer.Leg(fees, Money.eur(paid.fee()), "Budget fee, " + ym));
        }
        plan.transfers().add(new Transfer(id, Funding.PAYOUT, reference, legs));
        plan.closed().add(new BudgetStore.Closed(month.user().value(), month.month(), "CLOSED", paid.fee(), id.value()));
        plan.events().add(new BudgetMonthClosed(month.user(), ym.toString(), Money.eur(month.amount()), Money.eur(paid.fee()), false,
                payouts, id, plan.at()));
    }
}
