package io.piaf.cards;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.payments.Money;
import io.piaf.payments.TransferId;

/**
 * A card purchase cleared: {@code amount} left the wallet for the card settlement account (ledger transfer kind
 * {@code CARD_PURCHASE}, announced by payments' {@code WalletDebited} too) and the authorization's hold is closed.
 */
@EventVersion(1)
public record CardTransactionCleared(CardAuthorizationId authorizationId, CardRef card, Money amount,
        Merchant merchant, TransferId transferId, Instant at) {
}
