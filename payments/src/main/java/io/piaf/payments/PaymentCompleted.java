package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;

/**
 * The payer confirmed with their PIN and the money moved (ledger transfer {@code transferId}), in this transaction.
 *
 * @param requestedVisibility the visibility the request asked for its receipt, or null for none
 */
public record PaymentCompleted(PaymentId paymentId, UserId payerId, String payerHandle, UserId payeeId,
        String payeeHandle, String amount, String currency, String note, boolean donation, PaymentSource source,
        String sourceId, PaymentVisibility requestedVisibility, TransferId transferId, Instant completedAt) {
}
