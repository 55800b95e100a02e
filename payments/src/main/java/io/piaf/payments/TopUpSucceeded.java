package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.UserId;

/** A card was charged and the wallet credited. Only the card's brand and last four digits are ever kept. */
public record TopUpSucceeded(TopUpId topUpId, WalletId walletId, UserId userId, String handle, String amount,
        String currency, String cardBrand, String cardLast4, Instant at) {
}
