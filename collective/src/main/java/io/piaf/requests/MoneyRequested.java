package io.piaf.requests;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** {@code requester} asked {@code payer} for {@code amount} (one item of request {@code requestId}); {@code note} may be null. */
@EventVersion(1)
@Externalized(value = "requests", key = "/requestId")
public record MoneyRequested(RequestId requestId, UserId requesterId, String requesterHandle, UserId payerId, String payerHandle,
        Money amount, String note, Instant requestedAt) {
}
