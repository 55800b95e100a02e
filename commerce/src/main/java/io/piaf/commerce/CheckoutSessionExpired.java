package io.piaf.commerce;

import java.time.Instant;

import io.piaf.common.EventVersion;

/**
 * An open checkout session can no longer be paid: the merchant expired it ({@code byMerchant}) or its expiry time
 * passed. Nothing was paid.
 */
@EventVersion(1)
public record CheckoutSessionExpired(CheckoutSessionId sessionId, MerchantId merchantId, boolean byMerchant, Instant expiredAt) {
}
