package io.piaf.payments;

import java.time.Instant;

import io.piaf.identity.UserId;

/**
 * A post or direct message held a payment command that cannot become a payment; none was created. {@code code} is
 * the API's problem code (e.g. {@code payee_not_found}, {@code limit_exceeded}, {@code invalid_amount},
 * {@code pin_not_set}), {@code detail} a sentence for the payer.
 */
public record PaymentCommandRejected(UserId payerId, String payerHandle, PaymentSource source, String sourceId,
        String code, String detail, Instant rejectedAt) {
}
