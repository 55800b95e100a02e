package io.piaf.budgets.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.piaf.budgets.internal.domain.BudgetSplit.Creator;
import io.piaf.budgets.internal.domain.BudgetSplit.Paid;
import io.piaf.budgets.internal.domain.BudgetSplit.Returned;
import io.piaf.budgets.internal.domain.BudgetSplit.Share;

class BudgetSplitTests {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    /**
     * budget (cents), fee (bps), mode, flattrs per creator in the order of their first flattr → fee, shares in the
     * same order. Leftover cents go to the largest fractional parts, ties to the creator flattred first.
     */
    @ParameterizedTest(name = "{0} cents, fee {1} bps, {2}, flattrs {3} → fee {4}, shares {5}")
    @CsvSource(delimiter = ';', value = {
            // 5 € among three creators, one flattr each: the same either way, the fee 10 %
            "500; 1000; PER_CREATOR; 1 1 1; 50; 150 150 150",
            "500; 1000; PER_FLATTR;  1 1 1; 50; 150 150 150",
            // 5 € among 7/2/1 flattrs: per flattr 315/90/45, per creator still equal
            "500; 1000; PER_FLATTR;  7 2 1; 50; 315 90 45",
            "500; 1000; PER_CREATOR; 7 2 1; 50; 150 150 150",
            // remainders: 450 among 7/2/2 = 286.36/81.82/81.82 → the two largest fractions get a cent each
            "500; 1000; PER_FLATTR;  7 2 2; 50; 286 82 82",
            // 4.99 € fee 10 % = 49 (rounded down, never above the rate); 450 among 7 creators: 64 each and 2 left over
            // to the two flattred first (all fractions equal)
            "499; 1000; PER_CREATOR; 1 1 1 1 1 1 1; 49; 65 65 64 64 64 64 64",
            // 1 € with no fee among three: 34/33/33, the first flattred gets the cent
            "100; 0; PER_CREATOR; 1 1 1; 0; 34 33 33",
            // one creator gets everything but the fee
            "500; 1000; PER_FLATTR;  4; 50; 450",
            // a budget smaller than the number of creators: 2 cents among 3, fee 0 (rounded down), the first two get one
            "2; 1000; PER_CREATOR; 1 1 1; 0; 1 1 0",
            // a fee of 100 % leaves nothing to share
            "500; 10000; PER_FLATTR; 3 1; 500; 0 0",
    })
    void splits_the_budget_exactly(long budget, int feeBps, SplitMode mode, String flattrs, long fee, String shares) {
        var creators = creators(flattrs);
        var outcome = (Paid) BudgetSplit.split(budget, feeBps, mode, creators);
        assertThat(outcome.fee()).isEqualTo(fee);
        assertThat(outcome.shares()).extracting(Share::amount).containsExactlyElementsOf(longs(shares));
        assertThat(outcome.shares()).extracting(Share::creator).containsExactlyElementsOf(creators.stream().map(Creator::id).toList());
        assertThat(outcome.total()).isEqualTo(budget);
    }

    @Test
    void a_month_without_flattr_returns_the_whole_budget() {
        assertThat(BudgetSplit.split(500, 1000, SplitMode.PER_FLATTR, List.of())).isEqualTo(new Returned(500));
    }

    @Test
    void ties_go_to_the_creator_flattred_first_whatever_the_order_given() {
        var late = new Creator(UUID.fromString("00000000-0000-0000-0000-000000000001"), 1, T0.plusSeconds(60));
        var early = new Creator(UUID.fromString("00000000-0000-0000-0000-000000000002"), 1, T0);
        var outcome = (Paid) BudgetSplit.split(100, 0, SplitMode.PER_CREATOR, List.of(late, early));
        assertThat(outcome.shares()).containsExactly(new Share(late.id(), 50), new Share(early.id(), 50));
        var three = (Paid) BudgetSplit.split(101, 0, SplitMode.PER_CREATOR, List.of(late, early));
        assertThat(three.shares()).containsExactly(new Share(late.id(), 50), new Share(early.id(), 51));
    }

    @Test
    void same_first_flattr_ties_go_to_the_smaller_id() {
        var b = new Creator(UUID.fromString("b0000000-0000-0000-0000-000000000000"), 1, T0);
        var a = new Creator(UUID.fromString("a0000000-0000-0000-0000-000000000000"), 1, T0);
        var outcome = (Paid) BudgetSplit.split(101, 0, SplitMode.PER_CREATOR, List.of(b, a));
        assertThat(outcome.shares()).containsExactly(new Share(b.id(), 50), new Share(a.id(), 51));
    }

    @Test
    void nothing_is_created_or_lost_on_random_months() {
        var random = new Random(18);
        for (var round = 0; round < 2_000; round++) {
            var creators = new ArrayList<Creator>();
            var n = 1 + random.nextInt(40);
            for (var i = 0; i < n; i++) {
                creators.add(new Creator(UUID.randomUUID(), 1 + random.nextInt(30), T0.plusSeconds(random.nextInt(1000))));
            }
            var budget = 1 + random.nextInt(50_000);
            var outcome = (Paid) BudgetSplit.split(budget, random.nextInt(3_000), random.nextBoolean() ? SplitMode.PER_CREATOR : SplitMode.PER_FLATTR, creators);
            assertThat(outcome.total()).isEqualTo(budget);
            assertThat(outcome.shares()).allSatisfy(s -> assertThat(s.amount()).isNotNegative());
        }
    }

    @Test
    void refuses_what_cannot_be_split() {
        assertThatThrownBy(() -> BudgetSplit.split(0, 1000, SplitMode.PER_CREATOR, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BudgetSplit.split(500, 10_001, SplitMode.PER_CREATOR, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Creator(UUID.randomUUID(), 0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Creator> creators(String flattrs) {
        var counts = longs(flattrs);
        var creators = new ArrayList<Creator>();
        for (var i = 0; i < counts.size(); i++) {
            // ids in reverse of the flattr order, so that an id tie-break would show
            creators.add(new Creator(new UUID(0, 100 - i), counts.get(i).intValue(), T0.plusSeconds(i)));
        }
        return creators;
    }

    private static List<Long> longs(String text) {
        return Arrays.stream(text.trim().split(" +")).map(Long::parseLong).toList();
    }
}
