package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.LocalDate;
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

/**
 * What closing a batch of budget months writes, computed before anything is written: one transfer per month (budget
 * account → the creators' share into the payouts account + the fee account, or back to the user's wallet), its payout
 * rows, its event. The creators are paid from the payouts account when the month settles.
 */
final class MonthClosing {

    /** The platform's accounts a close credits: the creators' money until the month settles, and the fees. */
    record SystemAccounts(AccountId payouts, AccountId fees) {
    }

    private record MonthKey(UUID user, LocalDate month) {
    }

    record Plan(List<Transfer> transfers, List<BudgetStore.Closed> closed, List<BudgetStore.Payout> payouts,
            List<Object> events, Instant at) {
    }

    Plan plan(List<MonthRow> months, List<FlattrRow> flattrs, SystemAccounts accounts, Map<UUID, BudgetRow> budgets, Instant at) {
        var byMonth = new HashMap<MonthKey, List<FlattrRow>>();
        for (var f : flattrs) {
            byMonth.computeIfAbsent(new MonthKey(f.user(), f.month()), k -> new ArrayList<>()).add(f);
        }
        var plan = new Plan(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), at);
        for (var month : months) {
            var creators = MonthSplits.byCreator(byMonth.getOrDefault(new MonthKey(month.user().value(), month.month()), List.of()));
            var budget = budgets.get(month.user().value());
            var ym = month.yearMonth();
            switch (BudgetSplit.split(month.amount(), month.feeBps(), month.split(), MonthSplits.creators(creators))) {
                case BudgetSplit.Returned returned -> returned(plan, month, budget, ym);
                case BudgetSplit.Paid paid -> paid(plan, month, budget, ym, creators, paid, accounts);
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
            BudgetSplit.Paid paid, SystemAccounts accounts) {
        var reference = Funding.reference(month.user().value(), ym);
        var id = Funding.id(Funding.PAYOUT, reference);
        var legs = new ArrayList<Transfer.Leg>();
        legs.add(new Transfer.Leg(budget.account(), Money.eur(-month.amount()), "Flattrs of " + ym));
        var payouts = new ArrayList<BudgetMonthClosed.Payout>();
        var shares = 0L;
        for (var i = 0; i < creators.size(); i++) {
            var creator = creators.get(i);
            var amount = paid.shares().get(i).amount();
            shares += amount;
            plan.payouts().add(new BudgetStore.Payout(month.user().value(), month.month(), creator.creator(), amount, creator.flattrs().size()));
            payouts.add(new BudgetMonthClosed.Payout(new UserId(creator.creator()), Money.eur(amount), creator.flattrs().size()));
        }
        if (shares > 0) {
            legs.add(new Transfer.Leg(accounts.payouts(), Money.eur(shares), "Flattrs of " + ym + ", " + creators.size() + " creators"));
        }
        if (paid.fee() > 0) {
            legs.add(new Transfer.Leg(accounts.fees(), Money.eur(paid.fee()), "Budget fee, " + ym));
        }
        plan.transfers().add(new Transfer(id, Funding.PAYOUT, reference, legs));
        plan.closed().add(new BudgetStore.Closed(month.user().value(), month.month(), "CLOSED", paid.fee(), id.value()));
        plan.events().add(new BudgetMonthClosed(month.user(), ym.toString(), Money.eur(month.amount()), Money.eur(paid.fee()), false,
                payouts, id, plan.at()));
    }
}
