package io.piaf.crypto.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.crypto.internal.domain.TokenAmounts;
import io.piaf.identity.UserId;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.payments.PaymentSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Crypto")
class CryptoController {

    static final String REPLAYED = "Idempotent-Replayed";

    /** Read as payments' money ({@code MoneyInput} in the description); the amount stays an Object to refuse JSON numbers. */
    @Schema(name = "CryptoMoneyInput")
    record Money(Object amount, String currency) {
    }

    @Schema(name = "CryptoBuy")
    record BuyRequest(@Schema(requiredMode = RequiredMode.REQUIRED, ref = "#/components/schemas/MoneyInput",
            description = "The euros to spend from the EUR wallet: as many EURP (1 EURP = 1.00 EUR)") Money amount) {
    }

    @Schema(name = "CryptoSell")
    record SellRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = Token.SYMBOL) String token,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = CryptoViews.TOKEN_AMOUNT_INPUT,
                    maxLength = CryptoViews.TOKEN_AMOUNT_INPUT_MAX, example = "10.00",
                    description = "Tokens to sell for as many euros; a JSON number is refused") Object amount) {
    }

    @Schema(name = "CryptoTransferRequest")
    record TransferRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = Token.SYMBOL) String token,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = CryptoViews.TOKEN_AMOUNT_INPUT,
                    maxLength = CryptoViews.TOKEN_AMOUNT_INPUT_MAX, example = "5.00",
                    description = "Tokens to send; a JSON number is refused") Object amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^(0x[0-9a-fA-F]{40}|@?[A-Za-z0-9_]{3,20})$", maxLength = 42,
                    description = "A Piaf user's handle (with or without @) or an EVM address (EIP-55 checksum checked when mixed case)",
                    example = "@bob") String to,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280, description = "One line") String note) {
    }

    @Schema(name = "CryptoTransferConfirmation")
    record PinRequest(@Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.PIN, maxLength = 6, format = "password") String pin) {
    }

    @Schema(name = "CryptoKeyExportRequest")
    record ExportRequest(@Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.PIN, maxLength = 6, format = "password") String pin) {
    }

    @Schema(name = "CryptoExportedKey", description = "Your custodial account's key, to import in another wallet")
    record ExportedKeyView(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^0x[0-9a-fA-F]{40}$", maxLength = 42, description = "EIP-55") String address,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^0x[0-9a-f]{64}$", maxLength = 66, format = "password",
                    description = "The secp256k1 private key: whoever holds it controls the account") String privateKey) {
        @Override
        public String toString() {
            return "ExportedKeyView[" + address + "]";
        }
    }

    private final Custody custody;
    private final KeyExport keyExport;
    private final Trading trading;
    private final Transfers transfers;
    private final OperationStore operations;
    private final AccountLocks locks;
    private final ChainWatcher watcher;
    private final Chain chain;
    private final Token token;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;

    CryptoController(Custody custody, KeyExport keyExport, Trading trading, Transfers transfers, OperationStore operations, AccountLocks locks,
            ChainWatcher watcher, Chain chain, Token token, IdempotentRequests idempotency, JsonMapper json) {
        this.custody = custody;
        this.keyExport = keyExport;
        this.trading = trading;
        this.transfers = transfers;
        this.operations = operations;
        this.locks = locks;
        this.watcher = watcher;
        this.chain = chain;
        this.token = token;
        this.idempotency = idempotency;
        this.json = json;
    }

    @GetMapping("/api/crypto/wallet")
    @Operation(summary = "Get your custodial EVM account and its EURP balance",
            description = "The account is made on the first call. `amount` is Piaf's confirmed view of the balance; `available` "
                    + "subtracts sells and transfers on their way out.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<CryptoViews.Wallet> wallet(@AuthenticationPrincipal Jwt jwt) {
        var user = user(jwt);
        return custody.accountOf(user).flatMap(account -> operations.outgoingInFlight(user).map(out -> new CryptoViews.Wallet(
                Addresses.checksummed(account.address()), chain.chainId(), Addresses.checksummed(token.addressOrNull()),
                List.of(new CryptoViews.Balance(Token.SYMBOL, TokenAmounts.format(account.tokenBalance(), Token.DECIMALS), Token.DECIMALS,
                        TokenAmounts.format(account.tokenBalance().subtract(out).max(java.math.BigInteger.ZERO), Token.DECIMALS))))));
    }

    @PostMapping(path = "/api/crypto/wallet/export", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Export your custodial account's private key, after your PIN",
            description = "For leaving Piaf's custody or importing the account in another wallet. Never cached (`Cache-Control: "
                    + "no-store`); you are notified (`crypto_key_exported`). Wrong PIN 422 `invalid_pin` with `attemptsLeft`, then 423 "
                    + "`pin_locked`: the same attempts and lockout as payments. Tokens moved with the key outside Piaf show as drift "
                    + "in Piaf's reconciliation, and Piaf's view of the balance follows only what it sees on chain.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "crypto_wallet_not_found", description = "No crypto account yet (GET /api/crypto/wallet makes it).")
    @ProblemResponse(status = 400, codes = "invalid_pin_format")
    @ProblemResponse(status = 422, codes = { "invalid_pin", "pin_not_set" }, description = "invalid_pin carries `attemptsLeft`.")
    @ProblemResponse(status = 423, codes = "pin_locked", description = "`lockedUntil`.")
    @ProblemResponse(status = 429, codes = "rate_limited", description = "Too many PIN attempts from this address or account.")
    Mono<ResponseEntity<ExportedKeyView>> export(@AuthenticationPrincipal Jwt jwt, @RequestBody ExportRequest body) {
        return keyExport.export(user(jwt), body == null ? null : body.pin())
                .map(key -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                        .body(new ExportedKeyView(key.address(), key.privateKey())));
    }

    @PostMapping(path = "/api/crypto/buys", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Buy EURP with euros from your wallet",
            description = "The EUR wallet is debited at once and the mint follows (`status` PENDING, then SUBMITTED and CONFIRMED; "
                    + "a mint that cannot be signed in time is refunded, FAILED). Idempotency-Key: the same key and request answer "
                    + "the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = CryptoViews.Transaction.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "unsupported_currency", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "insufficient_funds", "idempotency_key_reused" })
    @ProblemResponse(status = 503, codes = "chain_unavailable", description = "The chain does not answer; nothing was done.")
    Mono<ResponseEntity<String>> buy(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody BuyRequest body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            var cents = euros(body == null ? null : body.amount());
            return once(user, key, store -> trading.buy(user, cents, op -> store.apply(view(op))).map(this::view), "crypto buy", Long.toString(cents));
        }).map(CryptoController::created);
    }

    @PostMapping(path = "/api/crypto/sells", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sell EURP for euros",
            description = "The tokens are burnt and the euros credited to the EUR wallet when the burn is final. Idempotency-Key "
                    + "as for buys.",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = CryptoViews.Transaction.class))))
    @ProblemResponse(status = 400, codes = { "unsupported_token", "invalid_amount", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "insufficient_funds", "idempotency_key_reused" },
            description = "insufficient_funds: more than `available`.")
    @ProblemResponse(status = 503, codes = "chain_unavailable", description = "The chain does not answer; nothing was done.")
    Mono<ResponseEntity<String>> sell(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody SellRequest body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            requireToken(body == null ? null : body.token());
            var amount = tokens(body.amount());
            return once(user, key, store -> trading.sell(user, amount, op -> store.apply(view(op))).map(this::view), "crypto sell", amount.toString());
        }).map(CryptoController::created);
    }

    @PostMapping(path = "/api/crypto/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ask to send EURP to a Piaf user or an address: the transfer waits for your PIN",
            description = "Confirm it with POST /api/crypto/transfers/{id}/confirm before `expiresAt` (15 minutes). Idempotency-Key "
                    + "as for buys.",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = CryptoViews.Transaction.class))))
    @ProblemResponse(status = 400, codes = { "unsupported_token", "invalid_amount", "invalid_address", "invalid_handle", "invalid_note",
            "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "payee_not_found", "self_payment", "pin_not_set", "limit_exceeded", "idempotency_key_reused" },
            description = "limit_exceeded carries `limit` and `limitType`.")
    Mono<ResponseEntity<String>> transfer(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody TransferRequest body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            requireToken(body == null ? null : body.token());
            var amount = tokens(body.amount());
            if (body.to() == null || body.to().isBlank()) {
                throw ProblemException.badRequest("invalid_address", "\"to\" is a 0x address or a @handle.");
            }
            var to = body.to().strip().startsWith("0x") ? Addresses.parse(body.to()) : io.piaf.identity.Handle.parse(body.to()).value();
            var note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
            if (note != null && note.length() > 280) {
                throw ProblemException.badRequest("invalid_note", "A note is at most 280 characters.");
            }
            var request = new Transfers.NewTransfer(user, body.to().strip().startsWith("0x") ? to : "@" + to, amount, note, PaymentSource.API, null);
            return once(user, key, store -> transfers.request(request, op -> store.apply(view(op))).map(this::view),
                    "crypto transfer", to, amount.toString(), note);
        }).map(CryptoController::created);
    }

    @PostMapping(path = "/api/crypto/transfers/{id}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Confirm a transfer with your PIN: it is signed and sent to the chain",
            description = "Answers the transfer SUBMITTED with its `txHash`; it becomes CONFIRMED or FAILED later. Confirming a "
                    + "submitted or confirmed transfer answers it again. The third wrong PIN in a row cancels it and locks the PIN.")
    @ProblemResponse(status = 400, codes = "invalid_pin_format")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "crypto_transaction_not_found")
    @ProblemResponse(status = 409, codes = { "transfer_not_pending", "transfer_expired" },
            description = "`transactionStatus` says what became of it.")
    @ProblemResponse(status = 422, codes = { "invalid_pin", "pin_not_set", "insufficient_funds", "limit_exceeded" },
            description = "invalid_pin carries `attemptsLeft`; after insufficient_funds or limit_exceeded the transfer stays pending.")
    @ProblemResponse(status = 423, codes = "pin_locked", description = "`lockedUntil`; the transfer is cancelled (`transactionStatus`).")
    @ProblemResponse(status = 429, codes = "rate_limited", description = "Too many PIN attempts from this address or account.")
    @ProblemResponse(status = 503, codes = "chain_unavailable", description = "The chain does not answer; the transfer stays pending.")
    Mono<CryptoViews.Transaction> confirm(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody PinRequest body) {
        return transfers.confirm(user(jwt), id(id), body == null ? null : body.pin()).map(op -> CryptoViews.of(op, watcher.latestBlock()));
    }

    @PostMapping("/api/crypto/transfers/{id}/cancel")
    @Operation(summary = "Cancel a transfer waiting for your PIN", description = "Cancelling a cancelled transfer answers it again.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "crypto_transaction_not_found")
    @ProblemResponse(status = 409, codes = "transfer_not_pending", description = "`transactionStatus` says what became of it.")
    Mono<CryptoViews.Transaction> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var user = user(jwt);
        return operations.find(id(id)).filter(op -> op.userId().equals(user) && !op.incoming() && op.kind() == io.piaf.crypto.CryptoKind.TRANSFER)
                .switchIfEmpty(Mono.error(Transfers::notFound))
                .flatMap(op -> op.status() == OperationStatus.CANCELLED ? Mono.just(op)
                        : transfers.end(op, OperationStatus.CANCELLED, "BY_SENDER").as(m -> m)
                                .switchIfEmpty(Mono.error(() -> new ProblemException(409, "transfer_not_pending",
                                        "This transfer is " + op.status() + ".", Map.of("transactionStatus", op.status().name())))))
                .map(op -> CryptoViews.of(op, watcher.latestBlock()));
    }

    @GetMapping("/api/crypto/transactions")
    @Operation(summary = "List your crypto transactions, newest first")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<CryptoViews.Page> transactions(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var user = user(jwt);
        var size = Cursor.limit(limit, 20, 100);
        Instant beforeAt = null;
        UUID beforeId = null;
        if (cursor != null) {
            var parts = Cursor.decode(cursor, 2);
            try {
                beforeAt = Instant.parse(parts.get(0));
                beforeId = UUID.fromString(parts.get(1));
            } catch (RuntimeException e) {
                throw Cursor.invalid();
            }
        }
        return operations.page(user, size + 1, beforeAt, beforeId).collectList().map(rows -> {
            var items = rows.stream().limit(size).map(op -> CryptoViews.of(op, watcher.latestBlock())).toList();
            var next = rows.size() > size ? Cursor.encode(rows.get(size - 1).createdAt(), rows.get(size - 1).id()) : null;
            return new CryptoViews.Page(items, next);
        });
    }

    @GetMapping("/api/crypto/transactions/{id}")
    @Operation(summary = "Get one of your crypto transactions", description = "Another user's transaction is not found.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "crypto_transaction_not_found")
    Mono<CryptoViews.Transaction> transaction(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var user = user(jwt);
        return operations.find(id(id)).filter(op -> op.userId().equals(user)).switchIfEmpty(Mono.error(Transfers::notFound))
                .map(op -> CryptoViews.of(op, watcher.latestBlock()));
    }

    private String view(OperationRow op) {
        return json.writeValueAsString(CryptoViews.of(op, watcher.latestBlock()));
    }

    /**
     * Runs a creating request once per Idempotency-Key (platform's idempotency, ADR 7): {@code operation} gets the
     * function that stores its 201 body inside its own transaction, so the key exists exactly when the operation does.
     */
    private Mono<IdempotentRequests.Response> once(UserId user, String key,
            java.util.function.Function<java.util.function.Function<String, Mono<Void>>, Mono<String>> operation, String... request) {
        return idempotency.execute(user.value(), key, idempotency.fingerprint(request), completion ->
                operation.apply(body -> completion.complete(201, body)).map(body -> new IdempotentRequests.Response(201, body, false)));
    }

    private static ResponseEntity<String> created(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
    }

    private static long euros(Money money) {
        if (money == null || !(money.amount() instanceof String text)) {
            throw TokenAmounts.invalid("amount is money: {\"amount\":\"10.00\",\"currency\":\"EUR\"}, the amount a decimal string.");
        }
        if (!"EUR".equals(money.currency())) {
            throw ProblemException.badRequest("unsupported_currency", "EURP is bought with euros: currency is \"EUR\".");
        }
        return TokenAmounts.euroCents(TokenAmounts.parse(text, 2), 2);
    }

    private static java.math.BigInteger tokens(Object amount) {
        if (!(amount instanceof String text)) {
            throw TokenAmounts.invalid("amount is a decimal string such as \"5.00\", not a JSON number.");
        }
        return TokenAmounts.parse(text, Token.DECIMALS);
    }

    private static void requireToken(String symbol) {
        if (symbol == null || !Token.SYMBOL.equalsIgnoreCase(symbol)) {
            throw ProblemException.badRequest("unsupported_token", "Piaf holds EURP only: token is \"EURP\".");
        }
    }

    private static CryptoTransactionId id(String id) {
        try {
            return new CryptoTransactionId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw Transfers.notFound();
        }
    }

    static UserId user(Jwt jwt) {
        var scope = jwt.getClaimAsString("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("user")) {
            throw ProblemException.forbidden("forbidden", "This needs a user's token.");
        }
        return UserId.fromSubject(jwt.getSubject());
    }
}
