package io.piaf.crypto.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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

import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.crypto.internal.domain.TokenAmounts;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
class CryptoController {

    record Money(Object amount, String currency) {
    }

    record BuyRequest(Money amount) {
    }

    record SellRequest(String token, Object amount) {
    }

    record TransferRequest(String token, Object amount, String to, String note) {
    }

    record PinRequest(String pin) {
    }

    private final Custody custody;
    private final Trading trading;
    private final Transfers transfers;
    private final OperationStore operations;
    private final AccountLocks locks;
    private final ChainWatcher watcher;
    private final Chain chain;
    private final Token token;
    private final CryptoIdempotency idempotency;
    private final JsonMapper json;

    CryptoController(Custody custody, Trading trading, Transfers transfers, OperationStore operations, AccountLocks locks,
            ChainWatcher watcher, Chain chain, Token token, CryptoIdempotency idempotency, JsonMapper json) {
        this.custody = custody;
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
    Mono<CryptoViews.Wallet> wallet(@AuthenticationPrincipal Jwt jwt) {
        var user = user(jwt);
        return custody.accountOf(user).flatMap(account -> operations.outgoingInFlight(user).map(out -> new CryptoViews.Wallet(
                Addresses.checksummed(account.address()), chain.chainId(), Addresses.checksummed(token.addressOrNull()),
                List.of(new CryptoViews.Balance(Token.SYMBOL, TokenAmounts.format(account.tokenBalance(), Token.DECIMALS), Token.DECIMALS,
                        TokenAmounts.format(account.tokenBalance().subtract(out).max(java.math.BigInteger.ZERO), Token.DECIMALS))))));
    }

    @PostMapping(path = "/api/crypto/buys", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> buy(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody BuyRequest body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            var cents = euros(body == null ? null : body.amount());
            return idempotency.execute(user, key, "buy|" + cents, store -> trading.buy(user, cents, op -> store.apply(view(op))).map(this::view));
        }).map(CryptoController::created);
    }

    @PostMapping(path = "/api/crypto/sells", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> sell(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody SellRequest body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            requireToken(body == null ? null : body.token());
            var amount = tokens(body.amount());
            return idempotency.execute(user, key, "sell|" + amount, store -> trading.sell(user, amount, op -> store.apply(view(op))).map(this::view));
        }).map(CryptoController::created);
    }

    @PostMapping(path = "/api/crypto/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
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
            return idempotency.execute(user, key, "transfer|" + to + "|" + amount + "|" + note,
                    store -> transfers.request(request, op -> store.apply(view(op))).map(this::view));
        }).map(CryptoController::created);
    }

    @PostMapping(path = "/api/crypto/transfers/{id}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<CryptoViews.Transaction> confirm(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody PinRequest body) {
        return transfers.confirm(user(jwt), id(id), body == null ? null : body.pin()).map(op -> CryptoViews.of(op, watcher.latestBlock()));
    }

    @PostMapping("/api/crypto/transfers/{id}/cancel")
    Mono<CryptoViews.Transaction> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var user = user(jwt);
        return operations.find(id(id)).filter(op -> op.userId().equals(user) && !op.incoming() && op.kind() == io.piaf.crypto.CryptoKind.TRANSFER)
                .switchIfEmpty(Mono.error(Transfers::notFound))
                .flatMap(op -> op.status() == OperationStatus.CANCELLED ? Mono.just(op)
                        : transfers.end(op, OperationStatus.CANCELLED, "BY_SENDER").as(m -> m)
                                .switchIfEmpty(Mono.error(() -> new ProblemException(409, "transfer_not_pending",
                                        "This transfer is " + op.status() + ".", Map.of("status", op.status().name())))))
                .map(op -> CryptoViews.of(op, watcher.latestBlock()));
    }

    @GetMapping("/api/crypto/transactions")
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
    Mono<CryptoViews.Transaction> transaction(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var user = user(jwt);
        return operations.find(id(id)).filter(op -> op.userId().equals(user)).switchIfEmpty(Mono.error(Transfers::notFound))
                .map(op -> CryptoViews.of(op, watcher.latestBlock()));
    }

    private String view(OperationRow op) {
        return json.writeValueAsString(CryptoViews.of(op, watcher.latestBlock()));
    }

    private static ResponseEntity<String> created(CryptoIdempotency.Response response) {
        var builder = ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
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
