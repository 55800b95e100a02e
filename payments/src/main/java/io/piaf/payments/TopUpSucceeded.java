package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/** A card was charged and the wallet credited. Only the card's brand and last four digits are ever kept. */
@EventVersion(2)
@Externalized(value = "payments", key = "/walletId")
public record TopUpSucceeded(TopUpId topUpId, WalletId walletId, Party owner, Money amount, CardSummary card, Instant at) {

    /** The card as a receipt shows it, e.g. VISA ···· 4242. */
    public record CardSummary(String brand, String last4) {
    }
}
