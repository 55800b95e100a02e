package io.piaf.payments;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;

/**
 * A post or direct message held a payment command that cannot become a payment; none was created. {@code code} is
 * the API's problem code (e.g. {@code payee_not_found}, {@code limit_exceeded}, {@code invalid_amount},
 * {@code pin_not_set}), {@code detail} a sentence for the author.
 */
@EventVersion(2)
@Externalized(value = "payments", key = "/author/id")
public record PaymentCommandRejected(Party author, PaymentSource source, String sourceId, String code, String detail,
        Instant rejectedAt) {
}
