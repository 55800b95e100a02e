package io.piaf.requests;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentId;

/** {@code payer} paid their item of the request: payment {@code paymentId} completed, the money is in the requester's wallet. */
@EventVersion(1)
@Externalized(value = "requests", key = "/requestId")
public record MoneyRequestPaid(RequestId requestId, UserId requesterId, UserId payerId, String payerHandle, Money amount,
        PaymentId paymentId, Instant paidAt) {
}
