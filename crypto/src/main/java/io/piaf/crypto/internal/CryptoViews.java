package io.piaf.crypto.internal;

import java.util.List;
import java.util.Map;

import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.crypto.internal.domain.TokenAmounts;

/** What the crypto API answers. Token amounts are decimal strings with {@code decimals}; addresses EIP-55. */
final class CryptoViews {

    private CryptoViews() {
    }

    record Balance(String token, String amount, int decimals, String available) {
    }

    record Wallet(String address, long chainId, String tokenAddress, List<Balance> balances) {
    }

    record Transaction(String id, String direction, String kind, String token, String amount, int decimals,
            Map<String, String> eurAmount, String from, String to, String counterparty, String status, String reason,
            Long confirmations, String txHash, String challenge, String note, String source, String expiresAt, String createdAt) {
    }

    record Page(List<Transaction> items, String nextCursor) {
    }

    static Transaction of(OperationRow op, long latestBlock) {
        Long confirmations = op.blockNumber() == null ? Long.valueOf(0) : Math.max(0, latestBlock - op.blockNumber() + 1);
        var pending = op.status() == OperationStatus.PENDING_CONFIRMATION;
        return new Transaction(op.id().toString(), op.incoming() ? "IN" : "OUT", op.kind().name(), op.token(),
                TokenAmounts.format(op.amount(), Token.DECIMALS), Token.DECIMALS,
                op.eurCents() == null ? null : Map.of("amount", io.piaf.payments.Money.eur(op.eurCents()).decimal(), "currency", "EUR"),
                Addresses.checksummed(op.fromAddress()), Addresses.checksummed(op.toAddress()), op.counterpartyHandle(),
                op.status().name(), op.reason(), confirmations, op.txHash(), pending ? op.challenge() : null, op.note(), op.source(),
                pending && op.expiresAt() != null ? op.expiresAt().toString() : null, op.createdAt().toString());
    }
}
