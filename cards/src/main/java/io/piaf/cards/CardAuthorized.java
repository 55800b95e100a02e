package io.piaf.cards;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.payments.Money;

/**
 * The issuer approved a card authorization and held {@code amount} on the holder's wallet ({@code incremental}: an
 * addition to an approved one; {@code amount} is then the increment and {@code held} the total held).
 */
@EventVersion(1)
@Externalized(value = "cards", key = "/authorizationId")
public record CardAuthorized(CardAuthorizationId authorizationId, CardRef card, Money amount, Money held,
        Merchant merchant, boolean incremental, Instant at) {
}
