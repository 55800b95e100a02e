package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * A signed chain transaction as stored before it is sent: its raw bytes and hash are known, so a crash between
 * signing and sending only delays it (the same bytes are sent again; a node treats them as one transaction).
 */
record ChainTxRow(UUID id, Purpose purpose, UUID operationId, String from, String to, long nonce, BigInteger gasLimit,
        BigInteger gasPrice, BigInteger value, String data, String raw, String hash, String status, UUID dependsOn,
        int attempts, Instant sentAt, Long blockNumber, Instant createdAt) {

    enum Purpose {
        MINT, BURN, TRANSFER, GAS, CANCEL
    }

    @Override
    public String toString() {
        return "ChainTx[" + purpose + " " + hash + " from " + from + " nonce " + nonce + " " + status + "]";
    }
}
