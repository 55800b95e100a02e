package io.piaf.crypto;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentSource;

/**
 * A token transfer waits for its sender's PIN until {@code expiresAt} (asked by the API, a post such as
 * {@code #envoyer 5 EURP @bob}, or a direct message). {@code payeeId}/{@code payeeHandle} are null when it goes to a
 * plain address.
 */
@EventVersion(1)
@Externalized(value = "crypto", key = "/transferId")
public record CryptoTransferRequested(CryptoTransactionId transferId, UserId senderId, String senderHandle,
        UserId payeeId, String payeeHandle, String toAddress, TokenAmount amount, String challenge,
        PaymentSource source, String sourceId, Instant expiresAt, Instant requestedAt) {
}
