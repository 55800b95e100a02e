package io.piaf.cards;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.payments.Money;

/**
 * The issuer declined an authorization on a known card; {@code reason} is the network's code (e.g.
 * {@code card_frozen}) and {@code explanation} the same in plain words, for the holder.
 */
@EventVersion(1)
@Externalized(value = "cards", key = "/authorizationId")
public record CardAuthorizationDeclined(CardAuthorizationId authorizationId, CardRef card, Money amount,
        Merchant merchant, String reason, String explanation, Instant at) {
}
