package io.piaf.payments.internal;

import java.time.LocalDate;
import java.util.UUID;

import io.piaf.identity.AccountKind;
import io.piaf.identity.UserId;
import io.piaf.payments.WalletId;

/**
 * A wallet with its balance, and the sender's total of today ({@code today} is the database's date in the limits'
 * time zone; a total from an earlier day counts as zero).
 */
record WalletRow(WalletId id, UserId userId, String handle, String displayName, AccountKind ownerKind, long balance, long held,
        LocalDate sentDay, long sentToday, LocalDate today) {

    /** What the owner can spend: the balance minus card holds. */
    long available() {
        return balance - held;
    }

    long sentSoFarToday() {
        return today.equals(sentDay) ? sentToday : 0;
    }

    UUID accountId() {
        return id.value();
    }
}
