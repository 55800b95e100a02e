package io.piaf.cards;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.payments.Money;

/**
 * Part or all of an authorization's hold went back to the wallet: the merchant reversed it ({@code expired} false),
 * or it was never cleared and expired. {@code remaining} is what stays held (zero when it is closed).
 */
@EventVersion(1)
public record CardAuthorizationReversed(CardAuthorizationId authorizationId, CardRef card, Money released,
        Money remaining, Merchant merchant, boolean expired, Instant at) {
}
