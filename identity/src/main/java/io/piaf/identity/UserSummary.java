package io.piaf.identity;

/**
 * What other modules may know about a user.
 *
 * @param paymentVisibility who the user lets see their payment receipts by default
 * @param protectedAccount whether following the user takes their approval: only approved followers are followers
 * @param createdAt when the account was made (unlocks refuses accounts younger than a few minutes)
 */
public record UserSummary(UserId id, String handle, String displayName, AccountKind kind,
        PaymentVisibility paymentVisibility, boolean pinSet, boolean protectedAccount, java.time.Instant createdAt) {
}
