package io.piaf.crypto.internal;

import java.util.List;
import java.util.Map;

import io.piaf.common.ApiFormats;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.crypto.internal.domain.TokenAmounts;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** What the crypto API answers. Token amounts are decimal strings with {@code decimals}; addresses EIP-55. */
final class CryptoViews {

    /** A token amount a client writes: above zero, at most EURP's 2 decimals and a million tokens (TokenAmounts). */
    static final String TOKEN_AMOUNT_INPUT = "^(0|[1-9][0-9]{0,6})(\\.[0-9]{1,2})?$";
    static final int TOKEN_AMOUNT_INPUT_MAX = 10;
    /** A token amount Piaf writes: with exactly the token's decimals. */
    static final String TOKEN_AMOUNT = "^[0-9]+(\\.[0-9]{1,36})?$";
    static final String ADDRESS = "^0x[0-9a-fA-F]{40}$";
    static final String TX_HASH = "^0x[0-9a-fA-F]{64}$";
    /** The largest integer a JavaScript client reads exactly. */
    static final String SAFE_INTEGER = "9007199254740991";

    private CryptoViews() {
    }

    @Schema(name = "CryptoBalance")
    record Balance(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = Token.SYMBOL) String token,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = TOKEN_AMOUNT, maxLength = 56, example = "10.00",
                    description = "Piaf's confirmed view of the balance") String amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "36") int decimals,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = TOKEN_AMOUNT, maxLength = 56, example = "10.00",
                    description = "The balance less sells and transfers on their way out") String available) {
    }

    @Schema(name = "CryptoWallet")
    record Wallet(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ADDRESS, maxLength = 42, description = "Your custodial account, EIP-55")
            String address,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = SAFE_INTEGER) long chainId,
            @Schema(pattern = ADDRESS, maxLength = 42, description = "The EURP contract, once deployed") String tokenAddress,
            @ArraySchema(maxItems = 10, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED), schema = @Schema(implementation = Balance.class)) List<Balance> balances) {
    }

    @Schema(name = "CryptoEuroAmount", description = "Euros, as payments write them")
    record EuroAmount(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX, example = "10.00")
            String amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "EUR") String currency) {
    }

    @Schema(name = "CryptoTransaction", description = "A buy, a sell, or a token transfer sent or received")
    record Transaction(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "IN", "OUT" }) String direction,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "BUY", "SELL", "TRANSFER" }) String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = Token.SYMBOL) String token,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = TOKEN_AMOUNT, maxLength = 56, example = "5.00") String amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "36") int decimals,
            @Schema(implementation = EuroAmount.class, description = "Buys, sells and transfers sent: their worth in euros")
            Map<String, String> eurAmount,
            @Schema(pattern = ADDRESS, maxLength = 42, description = "EIP-55") String from,
            @Schema(pattern = ADDRESS, maxLength = 42, description = "EIP-55") String to,
            @Schema(pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX, description = "The other Piaf user, if any") String counterparty,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PENDING_CONFIRMATION", "PENDING", "SUBMITTED", "CONFIRMED",
                    "FAILED", "CANCELLED", "EXPIRED" }) String status,
            @Schema(allowableValues = { "BY_SENDER", "PIN_LOCKED", "expired", "reverted", "chain_unavailable" },
                    description = "Why it was cancelled, expired or failed") String reason,
            @Schema(minimum = "0", maximum = SAFE_INTEGER, description = "Blocks on top of its block, its own included") Long confirmations,
            @Schema(pattern = TX_HASH, maxLength = 66) String txHash,
            @Schema(pattern = ApiFormats.LINE, maxLength = 200, example = "Send 5.00 EURP to @bob",
                    description = "While PENDING_CONFIRMATION: what the PIN confirms") String challenge,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280) String note,
            @Schema(allowableValues = { "API", "POST", "DM", "CHAIN" }, description = "Where it was asked for; CHAIN: received from outside Piaf")
            String source,
            @Schema(format = "date-time", description = "While PENDING_CONFIRMATION") String expiresAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt) {
    }

    @Schema(name = "CryptoTransactionPage")
    record Page(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED), schema = @Schema(implementation = Transaction.class)) List<Transaction> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "The next page's cursor, if any")
            String nextCursor) {
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
