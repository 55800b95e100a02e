package io.piaf.commerce;

import java.time.Instant;
import java.util.UUID;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** A merchant refunded (part of) a checkout: {@code amount} went back to the payer's wallet. */
@EventVersion(1)
@Externalized(value = "commerce", key = "/sessionId")
public record RefundSucceeded(UUID refundId, CheckoutSessionId sessionId, MerchantId merchantId, String merchantName, UserId payerId, Money amount,
        Money refundedInTotal, String reason, Instant refundedAt) {
}
