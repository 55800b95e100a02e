package io.piaf.payments;

import io.piaf.common.EventVersion;

/**
 * Money left a wallet (a payment sent, and later a card purchase or a move to savings): one per wallet leg of a
 * posted transfer. Round-ups and statements react to it whatever caused it; {@code posting.kind()} says what did.
 */
@EventVersion(2)
public record WalletDebited(WalletPosting posting) {
}
