package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

import io.piaf.budgets.internal.domain.SplitMode;
import io.piaf.identity.UserId;

/** A funded budget month: OPEN while the user flattrs, then CLOSED (paid out) or RETURNED (nothing flattred). */
record MonthRow(UserId user, LocalDate month, long amount, int feeBps, SplitMode split, String status, Long fee,
        Instant closedAt) {

    boolean open() {
        return "OPEN".equals(status);
    }

    YearMonth yearMonth() {
        return YearMonth.from(month);
    }
}
