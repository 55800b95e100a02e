package io.piaf.budgets;

import java.time.Instant;
import java.util.List;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;
import io.piaf.payments.TransferId;

/**
 * A user's budget month was closed, once: its budget paid out to the creators they flattred less the platform's fee
 * ({@code payouts + fee = budget}), or returned to their wallet when they flattred nothing ({@code returned}, no
 * payouts, no fee). {@code month} is {@code yyyy-MM}. Who was paid is private to the user and each creator.
 */
@EventVersion(1)
@Externalized(value = "budgets", key = "/userId")
public record BudgetMonthClosed(UserId userId, String month, Money budget, Money fee, boolean returned,
        List<Payout> payouts, TransferId transferId, Instant closedAt) {

    public BudgetMonthClosed {
        payouts = List.copyOf(payouts);
    }

    /** What one creator received for the month, for how many flattred posts. */
    public record Payout(UserId creatorId, Money amount, int flattrs) {
    }
}
