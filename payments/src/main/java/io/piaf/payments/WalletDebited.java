package io.piaf.payments;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/**
 * Money left a wallet (a payment sent, and later a card purchase or a move to savings): one per wallet leg of a
 * posted transfer. Round-ups and statements react to it whatever caused it; {@code posting.kind()} says what did.
 */
@EventVersion(2)
@Externalized(value = "payments", key = "/posting/walletId")
public record WalletDebited(WalletPosting posting) {
}
