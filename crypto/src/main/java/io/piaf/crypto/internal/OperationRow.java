package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

import io.piaf.crypto.CryptoKind;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.TokenAmount;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.identity.UserId;

/** A row of crypto.operation: what one user sees of a buy, a sell, or a transfer sent or received. */
record OperationRow(CryptoTransactionId id, UserId userId, CryptoKind kind, boolean incoming, String token,
        BigInteger amount, Long eurCents, String fromAddress, String toAddress, UserId counterpartyId,
        String counterpartyHandle, OperationStatus status, String reason, UUID chainTxId, String txHash,
        Long blockNumber, String challenge, String note, String source, String sourceId, Instant expiresAt,
        Instant createdAt) {

    TokenAmount tokenAmount(int decimals) {
        return new TokenAmount(token, amount, decimals);
    }

    OperationRow withStatus(OperationStatus next, String why) {
        return new OperationRow(id, userId, kind, incoming, token, amount, eurCents, fromAddress, toAddress, counterpartyId,
                counterpartyHandle, next, why, chainTxId, txHash, blockNumber, challenge, note, source, sourceId, expiresAt, createdAt);
    }

    OperationRow submitted(UUID chainTx, String hash) {
        return new OperationRow(id, userId, kind, incoming, token, amount, eurCents, fromAddress, toAddress, counterpartyId,
                counterpartyHandle, OperationStatus.SUBMITTED, reason, chainTx, hash, blockNumber, challenge, note, source,
                sourceId, expiresAt, createdAt);
    }
}
