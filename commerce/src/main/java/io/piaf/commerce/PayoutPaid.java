package io.piaf.commerce;

import java.time.Instant;
import java.util.UUID;

import io.piaf.common.EventVersion;
import io.piaf.payments.Money;

/** Money left a merchant's balance for its bank account (the sandbox bank pays at once). */
@EventVersion(1)
public record PayoutPaid(UUID payoutId, MerchantId merchantId, Money amount, Instant paidAt) {
}
