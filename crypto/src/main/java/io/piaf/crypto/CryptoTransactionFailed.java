package io.piaf.crypto;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * An operation ended without effect: a buy whose mint failed (its euros refunded), a sell whose burn failed, a
 * transfer reverted, cancelled or expired. {@code reason} is a stable code, e.g. {@code reverted}, {@code expired}.
 */
@EventVersion(1)
@Externalized(value = "crypto", key = "/id")
public record CryptoTransactionFailed(CryptoTransactionId id, UserId userId, CryptoKind kind, TokenAmount amount,
        String status, String reason, Instant at) {
}
