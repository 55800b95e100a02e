package io.piaf.budgets.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import io.piaf.budgets.internal.domain.BudgetSplit;

/** A month's flattrs as the domain's split takes them: one entry per creator, in the order of their first flattr. */
final class MonthSplits {

    private MonthSplits() {
    }

    record CreatorFlattrs(UUID creator, String handle, List<FlattrRow> flattrs) {
    }

    /** {@code flattrs} of one budget month, oldest first. */
    static List<CreatorFlattrs> byCreator(List<FlattrRow> flattrs) {
        var byCreator = new LinkedHashMap<UUID, List<FlattrRow>>();
        for (var f : flattrs) {
            byCreator.computeIfAbsent(f.creator(), c -> new ArrayList<>()).add(f);
        }
        return byCreator.values().stream().map(l -> new CreatorFlattrs(l.get(0).creator(), l.get(0).creatorHandle(), List.copyOf(l))).toList();
    }

    static List<BudgetSplit.Creator> creators(List<CreatorFlattrs> creators) {
        return creators.stream().map(c -> new BudgetSplit.Creator(c.creator(), c.flattrs().size(), first(c))).toList();
    }

    /**
     * A payer's payout to a creator shared among the creator's posts that payer flattred ({@code posts}, oldest first):
     * equally, the cents left over to the posts flattred first.
     */
    static long[] perPost(long amount, int posts) {
        var weights = new long[posts];
        var order = new int[posts];
        for (var i = 0; i < posts; i++) {
            weights[i] = 1;
            order[i] = i;
        }
        return BudgetSplit.largestRemainder(amount, weights, order);
    }

    private static Instant first(CreatorFlattrs c) {
        return c.flattrs().get(0).at();
    }
}
