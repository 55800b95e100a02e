package io.piaf.identity.internal;

import java.time.Instant;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;

/** @param protectedAccount whether following this user needs the user's approval (a follow request) */
record UserRow(UserId id, String handle, String displayName, String phone, AccountKind kind, String passwordHash,
        byte[] pinHash, int pinFailedAttempts, Instant pinLockedUntil, PaymentVisibility paymentVisibility,
        Instant createdAt, boolean protectedAccount) {

    UserSummary summary() {
        return new UserSummary(id, handle, displayName, kind, paymentVisibility, pinHash != null, protectedAccount);
    }
}
