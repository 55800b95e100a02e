package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.UserId;

/**
 * Money left a wallet (a payment sent). Amounts are decimal strings.
 *
 * @param kind the transfer's kind, e.g. {@code TOP_UP}, {@code PAYMENT}, {@code DONATION}
 * @param reference what caused it, e.g. the payment or top-up id
 * @param counterpartyHandle the other wallet's handle, or null (a top-up)
 * @param description the statement line, e.g. {@code "Payment to @bob · pizza"}
 */
public record WalletDebited(WalletId walletId, UserId userId, String handle, String amount, String currency,
        String balanceAfter, TransferId transferId, String kind, String reference, String counterpartyHandle,
        String description, Instant at) {
}
