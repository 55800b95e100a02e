package io.piaf.savings.internal;

import java.time.Instant;
import java.time.LocalDate;

import io.piaf.identity.UserId;
import io.piaf.payments.WalletId;
import io.piaf.savings.VaultId;
import io.piaf.savings.internal.domain.Goal;
import io.piaf.savings.internal.domain.Interest;
import io.piaf.savings.internal.domain.SavingSchedule;

/** A vault as stored, with its schedule when it has one. */
record VaultRow(VaultId id, UserId owner, WalletId wallet, String name, boolean open, Goal goal, Instant goalReachedAt,
        Integer roundUpMultiplier, long balance, long interestEarned, Interest.Position interest, Instant createdAt,
        Instant closedAt, Schedule schedule) {

    /** A schedule and where it stands. */
    record Schedule(SavingSchedule rule, LocalDate nextRun, LocalDate lastRun, String lastOutcome) {
    }

    /** Whether {@code balanceAfter} reaches a goal not reached before. */
    boolean reachesGoal(long balanceAfter) {
        return goal != null && goalReachedAt == null && goal.reachedBy(balanceAfter);
    }
}
