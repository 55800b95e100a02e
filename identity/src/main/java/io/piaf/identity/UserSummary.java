package io.piaf.identity;

/** What other modules may know about a user. */
public record UserSummary(UserId id, String handle, String displayName, AccountKind kind,
        PaymentVisibility paymentVisibility, boolean pinSet) {
}
