package io.piaf.payments;

/** What placing, adding to or releasing a hold did. Only {@link Held} and {@link Released} changed anything. */
public sealed interface HoldResult {

    /** The hold stands with {@code remaining} reserved; the account has {@code available} left to spend. */
    record Held(HoldId id, Money remaining, Money available) implements HoldResult {
    }

    /** Part or all of the hold was given back; {@code remaining} is zero when it is closed. */
    record Released(HoldId id, Money remaining, Money available) implements HoldResult {
    }

    /** The account's available balance (balance minus its holds) does not cover the amount. */
    record InsufficientFunds(Money available) implements HoldResult {
    }

    /** No such account, or the hold exists on another account. */
    record UnknownAccount() implements HoldResult {
    }

    /** The hold is unknown, or was already captured or released in full. */
    record NotActive(HoldId id) implements HoldResult {
    }
}
