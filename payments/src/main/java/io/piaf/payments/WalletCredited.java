package io.piaf.payments;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/**
 * Money reached a wallet (a top-up, a payment received): one per wallet leg of a posted transfer.
 *
 * @param posting what moved and why, the same for credits and debits
 */
@EventVersion(2)
@Externalized(value = "payments", key = "/posting/walletId")
public record WalletCredited(WalletPosting posting) {
}
