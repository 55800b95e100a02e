package io.piaf.commerce;

import java.time.Instant;
import java.util.UUID;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** A buyer paid a checkout session: {@code amount} moved from their wallet to the merchant's account. */
@EventVersion(1)
public record CheckoutSessionCompleted(CheckoutSessionId sessionId, MerchantId merchantId, UserId payerId, Money amount,
        String reference, UUID paymentId, Instant completedAt) {
}
