package io.piaf.budgets.internal;

import java.time.YearMonth;

import org.springframework.stereotype.Component;

import io.piaf.budgets.internal.BudgetViews.MoneyJson;
import io.piaf.budgets.internal.domain.Months;
import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/** A creator's earnings, read from what the closes recorded. */
@Component
class EarningsQueries {

    private final BudgetStore store;

    EarningsQueries(BudgetStore store) {
        this.store = store;
    }

    Mono<BudgetViews.Earnings> of(UserId creator, YearMonth month) {
        var posts = store.earningsPerPost(creator, Months.key(month)).collectList();
        var months = store.earningsPerMonth(creator)
                .map(e -> new BudgetViews.MonthEarnings(YearMonth.from(e.month()).toString(), e.flattrs(), MoneyJson.of(e.amount()))).collectList();
        return Mono.zip(posts, months).map(t -> new BudgetViews.Earnings(month.toString(),
                MoneyJson.of(t.getT1().stream().mapToLong(BudgetStore.PostEarning::amount).sum()),
                t.getT1().stream().map(e -> new BudgetViews.PostEarnings(e.post().toString(), e.flattrs(), MoneyJson.of(e.amount()))).toList(),
                t.getT2()));
    }
}
