package io.piaf.budgets.internal.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The month's split of a budget: the platform's fee first, rounded down (the fee never exceeds its stated rate), then
 * the rest shared among the creators flattred by the largest-remainder method (Hamilton): each creator gets the whole
 * cents of their exact quota, and the cents left over go one each to the largest fractional parts, ties to the
 * creator flattred first that month, then to the smaller creator id (as text, which is PostgreSQL's uuid order). Fee and shares add up to the budget exactly.
 * A month with no flattr is returned whole; a creator may get 0 when the budget has fewer cents than creators.
 */
public final class BudgetSplit {

    public static final int MAX_FEE_BPS = 10_000;

    private BudgetSplit() {
    }

    /** A creator flattred this month: how many of their posts, and when the first one was. */
    public record Creator(UUID id, int flattrs, Instant firstFlattr) {

        public Creator {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(firstFlattr, "firstFlattr");
            if (flattrs < 1) {
                throw new IllegalArgumentException("A creator in the split was flattred at least once");
            }
        }
    }

    public record Share(UUID creator, long amount) {
    }

    public sealed interface Outcome {
    }

    /** No flattr this month: the whole budget goes back to the wallet. */
    public record Returned(long amount) implements Outcome {
    }

    /** Shares in the order of the creators given; {@code fee + Σ shares = budget}. */
    public record Paid(long fee, List<Share> shares) implements Outcome {

        public Paid {
            shares = List.copyOf(shares);
        }

        public long total() {
            return fee + shares.stream().mapToLong(Share::amount).sum();
        }
    }

    public static Outcome split(long budget, int feeBps, SplitMode mode, List<Creator> creators) {
        if (budget <= 0) {
            throw new IllegalArgumentException("A budget is positive: " + budget);
        }
        if (feeBps < 0 || feeBps > MAX_FEE_BPS) {
            throw new IllegalArgumentException("A fee rate is 0 to 10000 basis points: " + feeBps);
        }
        if (creators.isEmpty()) {
            return new Returned(budget);
        }
        var fee = Math.multiplyExact(budget, (long) feeBps) / MAX_FEE_BPS;
        var weights = creators.stream().mapToLong(c -> mode == SplitMode.PER_FLATTR ? c.flattrs() : 1).toArray();
        var amounts = largestRemainder(budget - fee, weights, byFirstFlattrThenId(creators));
        var shares = new ArrayList<Share>(creators.size());
        for (var i = 0; i < creators.size(); i++) {
            shares.add(new Share(creators.get(i).id(), amounts[i]));
        }
        return new Paid(fee, shares);
    }

    /**
     * {@code amount} shared in proportion to {@code weights}; the cents left over after the whole quotas go one each
     * to the largest fractional parts, ties broken by {@code tieOrder} (a permutation of the indexes, first wins).
     */
    public static long[] largestRemainder(long amount, long[] weights, int[] tieOrder) {
        var total = 0L;
        for (var w : weights) {
            if (w <= 0) {
                throw new IllegalArgumentException("Weights are positive");
            }
            total = Math.addExact(total, w);
        }
        var shares = new long[weights.length];
        var fractions = new long[weights.length];
        var given = 0L;
        for (var i = 0; i < weights.length; i++) {
            var exact = Math.multiplyExact(amount, weights[i]);
            shares[i] = exact / total;
            fractions[i] = exact % total;
            given += shares[i];
        }
        var rank = new ArrayList<Integer>(weights.length);
        for (var i : tieOrder) {
            rank.add(i);
        }
        // stable sort: equal fractions keep the tie order
        rank.sort(Comparator.comparingLong((Integer i) -> fractions[i]).reversed());
        for (var k = 0; k < amount - given; k++) {
            shares[rank.get(k)]++;
        }
        return shares;
    }

    private static int[] byFirstFlattrThenId(List<Creator> creators) {
        var order = new ArrayList<Integer>(creators.size());
        for (var i = 0; i < creators.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> creators.get(i).firstFlattr()).thenComparing(i -> creators.get(i).id().toString()));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }
}
