package io.piaf.requests;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** The requester reminded {@code payer} of an item still unpaid (at most once an hour per item). */
@EventVersion(1)
@Externalized(value = "requests", key = "/requestId")
public record MoneyRequestReminded(RequestId requestId, UserId requesterId, String requesterHandle, UserId payerId,
        String payerHandle, Money amount, String note, Instant remindedAt) {
}
