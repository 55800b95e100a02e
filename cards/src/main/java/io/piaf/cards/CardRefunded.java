package io.piaf.cards;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.payments.Money;
import io.piaf.payments.TransferId;

/** A merchant refunded a card purchase: {@code amount} came back to the wallet (transfer kind {@code CARD_REFUND}). */
@EventVersion(1)
@Externalized(value = "cards", key = "/authorizationId")
public record CardRefunded(CardAuthorizationId authorizationId, CardRef card, Money amount, Merchant merchant,
        TransferId transferId, Instant at) {
}
