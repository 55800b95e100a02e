package io.piaf.payments;

import java.time.Instant;
import java.util.Objects;

/**
 * One wallet leg of a posted ledger transfer.
 *
 * @param amount what moved, always positive (the event's type says in or out)
 * @param kind the transfer's kind, e.g. {@code TOP_UP}, {@code PAYMENT}, {@code DONATION}
 * @param reference what caused it, e.g. the payment or top-up id; (kind, reference) is unique in the ledger
 * @param counterpartyHandle the other wallet's handle, or null (a top-up, a system account)
 * @param description the statement line, e.g. {@code "Payment to @bob · pizza"}
 */
public record WalletPosting(WalletId walletId, Party owner, Money amount, Money balanceAfter, TransferId transferId,
        String kind, String reference, String counterpartyHandle, String description, Instant at) {

    public WalletPosting {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(transferId, "transferId");
    }
}
