package io.piaf.cards.internal;

import java.time.Instant;
import java.util.UUID;

import io.piaf.cards.CardAuthorizationId;
import io.piaf.cards.Merchant;
import io.piaf.identity.UserId;
import io.piaf.payments.HoldId;

/** One purchase on a card, as stored. Amounts in cents. */
record AuthorizationRow(UUID id, UUID cardId, UserId userId, String status, long amount, long held, long captured,
        long refunded, String currency, Merchant merchant, String channel, String declineReason, boolean expired,
        Instant createdAt, Instant updatedAt) {

    CardAuthorizationId authorizationId() {
        return new CardAuthorizationId(id);
    }

    HoldId holdId() {
        return new HoldId(id);
    }
}
