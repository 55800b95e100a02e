package io.piaf.requests;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** {@code payer} declined their item of the request; nothing moved. */
@EventVersion(1)
@Externalized(value = "requests", key = "/requestId")
public record MoneyRequestDeclined(RequestId requestId, UserId requesterId, UserId payerId, String payerHandle, Money amount,
        Instant declinedAt) {
}
