package io.piaf.payments;

import java.util.List;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/**
 * Payments' double-entry ledger, for the modules that move money next (savings, cards, crypto). Amounts are integer
 * minor units; a transfer is two or more entries that sum to zero and is written by one statement; entries are never
 * changed (a correction is a new transfer); a user account never goes below zero — the database refuses it. System
 * accounts (clearing, settlement) may be negative by design. Writes join the caller's R2DBC transaction, so that a
 * caller commits its own state, the transfer and its events together. Each posting to a wallet is
 * announced by a {@link WalletCredited} or {@link WalletDebited} event in the same transaction.
 */
public interface Ledger {

    /**
     * Opens a user-owned account that can never go negative (e.g. a savings pot), or finds it when {@code id} exists.
     * {@code purpose} is UPPER_SNAKE_CASE, e.g. {@code SAVINGS}.
     */
    Mono<AccountId> openUserAccount(AccountId id, UserId owner, String purpose);

    /** Opens (or finds) the one system account with this purpose, e.g. {@code CARD_SETTLEMENT}. It may go negative. */
    Mono<AccountId> openSystemAccount(String purpose);

    /**
     * Posts a transfer atomically: every leg or none. Runs in the caller's R2DBC transaction and refuses to run
     * without one, so that the transfer commits with the events that announce it (and the caller's own state).
     */
    Mono<TransferResult> post(Transfer transfer);

    /**
     * Posts several transfers in one round trip, in order, each as {@link #post} would (every leg or none, each
     * seeing the balances the ones before it left); one result per transfer, in the same order. For callers that
     * commit a batch of independent operations together: when no user account debited by one transfer appears in
     * another (and no kind and reference twice), the batch is written set-based, a few statements whatever its size.
     */
    Mono<List<TransferResult>> postAll(List<Transfer> transfers);

    /** The account's balance, read from its maintained balance (no history scan); empty when there is no account. */
    Mono<Money> balance(AccountId account);

    /** What the account can spend: its balance minus its active holds. Empty when there is no account. */
    Mono<Money> available(AccountId account);

    /**
     * Reserves {@code amount} of a user account's available balance (a card authorization), or adds it to the active
     * hold {@code id} (an incremental authorization): one statement that locks the account, checks the available
     * balance and writes the hold, so concurrent holds on one account can never reserve more than it has. Every
     * debit of a user account ({@link #post}) then checks its balance minus its holds. Not idempotent by itself: the
     * caller records what it asked for in the same transaction (cards keys it on the network message).
     */
    Mono<HoldResult> hold(HoldId id, AccountId account, Money amount, String memo);

    /**
     * {@link #hold} for the caller's own statement to place ({@link ComposedHold}): nothing is written until that
     * statement runs, with the same checks and locks.
     */
    default ComposedHold composeHold(HoldId id, AccountId account, Money amount, String memo) {
        return new ComposedHold(id, account, amount, memo);
    }

    /** Releases {@code amount} of an active hold, or all of it when {@code amount} is null (a reversal, an expiry). */
    Mono<HoldResult> release(HoldId id, Money amount);

    /**
     * Posts {@code transfer} and closes the active hold {@code id} in the same statement (a clearing): the hold's
     * money counts as available to the transfer, what it does not use is released. A partial capture takes less than
     * the hold; an over-capture takes more, and the difference must be in the account's available balance (the caller
     * decides the tolerance). A hold that is no longer active is ignored: the transfer is then an ordinary posting.
     * Runs in the caller's transaction, like {@link #post}.
     */
    Mono<TransferResult> capture(HoldId id, Transfer transfer);
}
