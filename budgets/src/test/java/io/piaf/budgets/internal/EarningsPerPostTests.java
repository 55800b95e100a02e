package io.piaf.budgets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.piaf.budgets.internal.BudgetStore.PaidFlattr;
import io.piaf.budgets.internal.EarningsQueries.PostEarning;

/** A creator's earnings per post, derived from the payouts: each payer's payout shared among the posts they flattred. */
class EarningsPerPostTests {

    private static final UUID ANNA = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID BRUNO = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID P1 = UUID.fromString("10000000-0000-0000-0000-000000000001");
    private static final UUID P2 = UUID.fromString("10000000-0000-0000-0000-000000000002");
    private static final UUID P3 = UUID.fromString("10000000-0000-0000-0000-000000000003");
    private static final UUID P4 = UUID.fromString("10000000-0000-0000-0000-000000000004");

    @Test
    void each_payout_is_shared_equally_among_its_payers_posts_the_cents_left_over_to_the_first_flattred() {
        var earnings = EarningsQueries.perPost(List.of(
                // Anna paid 1.00 for three posts, oldest first: 34 + 33 + 33
                new PaidFlattr(ANNA, P1, 100), new PaidFlattr(ANNA, P2, 100), new PaidFlattr(ANNA, P3, 100),
                // Bruno paid 0.05 for two: 3 + 2
                new PaidFlattr(BRUNO, P2, 5), new PaidFlattr(BRUNO, P4, 5)));

        assertThat(earnings).containsExactly(
                new PostEarning(P2, 36, 2), new PostEarning(P1, 34, 1), new PostEarning(P3, 33, 1), new PostEarning(P4, 2, 1));
        assertThat(earnings.stream().mapToLong(PostEarning::amount).sum()).isEqualTo(105);
    }

    @Test
    void a_zero_payout_still_counts_its_flattrs_and_equal_amounts_are_ordered_by_post_id() {
        var earnings = EarningsQueries.perPost(List.of(
                new PaidFlattr(ANNA, P3, 0), new PaidFlattr(ANNA, P1, 0)));

        assertThat(earnings).containsExactly(new PostEarning(P1, 0, 1), new PostEarning(P3, 0, 1));
    }

    @Test
    void no_payout_no_earnings() {
        assertThat(EarningsQueries.perPost(List.of())).isEmpty();
    }
}
