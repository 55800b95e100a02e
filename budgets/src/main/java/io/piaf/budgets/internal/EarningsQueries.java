package io.piaf.budgets.internal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.piaf.budgets.internal.BudgetViews.MoneyJson;
import io.piaf.budgets.internal.domain.Months;
import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/**
 * A creator's earnings, from what the closes recorded: the month's payouts to them, each shared among the posts its
 * payer flattred by the split's own rule ({@link MonthSplits#perPost}). Derived when read rather than written by the
 * close: a million flattrs would otherwise be a million rows written in the close's transactions (ADR 13).
 */
@Component
class EarningsQueries {

    private static final int POSTS_SHOWN = 200;

    private final BudgetStore store;

    EarningsQueries(BudgetStore store) {
        this.store = store;
    }

    Mono<BudgetViews.Earnings> of(UserId creator, YearMonth month) {
        var posts = store.paidFlattrs(creator, Months.key(month)).collectList().map(EarningsQueries::perPost);
        var months = store.earningsPerMonth(creator)
                .map(e -> new BudgetViews.MonthEarnings(YearMonth.from(e.month()).toString(), e.flattrs(), MoneyJson.of(e.amount()))).collectList();
        return Mono.zip(posts, months).map(t -> new BudgetViews.Earnings(month.toString(),
                MoneyJson.of(t.getT1().stream().mapToLong(PostEarning::amount).sum()),
                t.getT1().stream().limit(POSTS_SHOWN)
                        .map(e -> new BudgetViews.PostEarnings(e.post().toString(), e.flattrs(), MoneyJson.of(e.amount()))).toList(),
                t.getT2()));
    }

    record PostEarning(UUID post, long amount, int flattrs) {
    }

    /** Each payer's payout shared among their flattred posts, summed per post; the largest first, then by post id. */
    static List<PostEarning> perPost(List<BudgetStore.PaidFlattr> paid) {
        var amounts = new LinkedHashMap<UUID, long[]>();
        for (var from = 0; from < paid.size(); ) {
            var payer = paid.get(from);
            var to = from;
            while (to < paid.size() && paid.get(to).user().equals(payer.user())) {
                to++;
            }
            var shares = MonthSplits.perPost(payer.payout(), to - from);
            for (var k = from; k < to; k++) {
                var sum = amounts.computeIfAbsent(paid.get(k).post(), p -> new long[2]);
                sum[0] += shares[k - from];
                sum[1]++;
            }
            from = to;
        }
        var posts = new ArrayList<PostEarning>(amounts.size());
        for (Map.Entry<UUID, long[]> e : amounts.entrySet()) {
            posts.add(new PostEarning(e.getKey(), e.getValue()[0], (int) e.getValue()[1]));
        }
        // the post id as text: PostgreSQL's uuid order, which the page used before
        posts.sort(Comparator.comparingLong(PostEarning::amount).reversed().thenComparing(p -> p.post().toString()));
        return posts;
    }
}
