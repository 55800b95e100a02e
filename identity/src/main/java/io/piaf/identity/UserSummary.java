package io.piaf.identity;

/**
 * What other modules may know about a user.
 *
 * @param paymentVisibility who the user lets see their payment receipts by default
 * @param protectedAccount whether following the user takes their approval: only approved followers are followers
 */
public record UserSummary(UserId id, String handle, String displayName, AccountKind kind,
        PaymentVisibility paymentVisibility, boolean pinSet, boolean protectedAccount) {
}
