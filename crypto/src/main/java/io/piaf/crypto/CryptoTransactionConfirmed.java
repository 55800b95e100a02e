package io.piaf.crypto;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * An operation is final on chain (its transaction is the configured number of blocks deep): a buy minted, a sell
 * burnt and paid out, a transfer sent ({@code incoming} false, to the sender) or received ({@code incoming} true, to
 * the recipient; {@code counterpartyHandle} null when it came from outside Piaf).
 */
@EventVersion(1)
@Externalized(value = "crypto", key = "/id")
public record CryptoTransactionConfirmed(CryptoTransactionId id, UserId userId, String handle, CryptoKind kind,
        boolean incoming, TokenAmount amount, String counterpartyHandle, String counterpartyAddress, String txHash,
        Instant at) {
}
