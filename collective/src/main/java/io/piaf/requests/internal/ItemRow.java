package io.piaf.requests.internal;

import java.time.Instant;

import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.requests.RequestId;
import io.piaf.requests.internal.domain.RequestRules;

/**
 * One payer's part of a request. {@code payment} (with {@code challenge} and {@code expiresAt}) is the payment waiting
 * for the payer's PIN, if any; {@code paid} the payment that completed it.
 */
record ItemRow(RequestId request, int position, UserId payer, String payerHandle, long amount, RequestRules.Status status,
        PaymentId payment, String challenge, Instant expiresAt, PaymentId paid, Instant remindedAt, Instant createdAt,
        Instant decidedAt) {

    RequestRules.Item rules() {
        return new RequestRules.Item(status, payment != null);
    }
}
