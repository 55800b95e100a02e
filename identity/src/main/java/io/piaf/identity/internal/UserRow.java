package io.piaf.identity.internal;

import java.time.Instant;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;

/**
 * @param pinPepperVersion the pepper version {@code pinHash} was made with
 * @param pinLocks locks in a row since the last right PIN: each lasts longer than the one before
 * @param protectedAccount whether following this user needs the user's approval (a follow request)
 */
record UserRow(UserId id, String handle, String displayName, String phone, AccountKind kind, String passwordHash,
        byte[] pinHash, int pinPepperVersion, int pinFailedAttempts, int pinLocks, Instant pinLockedUntil,
        PaymentVisibility paymentVisibility, Instant createdAt, boolean protectedAccount) {

    /** A new account: no PIN yet, not protected. */
    static UserRow newAccount(UserId id, String handle, String displayName, String phone, AccountKind kind,
            String passwordHash, PaymentVisibility paymentVisibility, Instant createdAt) {
        return new UserRow(id, handle, displayName, phone, kind, passwordHash, null, 0, 0, 0, null, paymentVisibility,
                createdAt, false);
    }

    UserSummary summary() {
        return new UserSummary(id, handle, displayName, kind, paymentVisibility, pinHash != null, protectedAccount, createdAt);
    }
}
