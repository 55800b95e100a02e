package io.piaf.budgets.internal;

import java.time.LocalDate;

import io.piaf.budgets.internal.domain.SplitMode;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.WalletId;

/**
 * A user's budget: what is taken each month, how it is split, the ledger account it waits in; whether the user made
 * their flattrs public.
 */
record BudgetRow(UserId user, long monthly, SplitMode split, AccountId account, WalletId wallet, boolean active,
        LocalDate unfundedMonth, boolean publicFlattrs) {
}
