package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.PaymentVisibility;

/**
 * The payer confirmed with their PIN and the money moved (ledger transfer {@code transferId}), in this transaction.
 *
 * @param requestedVisibility the visibility the request asked for its receipt, or null for none
 */
@EventVersion(2)
@Externalized(value = "payments", key = "/payment/paymentId")
public record PaymentCompleted(PaymentDetails payment, PaymentVisibility requestedVisibility, TransferId transferId,
        Instant completedAt) {
}
