package io.piaf.requests.internal;

import java.util.List;
import java.util.Locale;
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

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.payments.PaymentSource;
import io.piaf.requests.RequestId;
import io.piaf.requests.internal.domain.RequestAmounts;
import io.piaf.requests.internal.domain.RequestRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The requests API (docs/api.md, "Requests and splits"). Someone else's request is not found. */
@RestController
@Tag(name = "Requests")
class RequestController {

    static final String MONEY_INPUT = "#/components/schemas/MoneyInput";
    static final String REPLAYED = "Idempotent-Replayed";

    /** Read as payments' money ({@code MoneyInput}); the amount stays an Object to refuse JSON numbers. */
    @Schema(name = "MoneyRequestMoneyInput")
    record MoneyBody(Object amount, String currency) {
    }

    @Schema(name = "MoneyRequestSplit", description = "A total shared out among the payers: evenly (the first named pay the "
            + "remainder cents), or by amounts, one per payer in the order named, adding up to the total")
    record SplitBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY_INPUT) MoneyBody total,
            @ArraySchema(maxItems = RequestRules.MAX_PAYERS, schema = @Schema(ref = MONEY_INPUT)) List<MoneyBody> amounts) {
    }

    @Schema(name = "MoneyRequestRequest", description = "Either `amount` (asked of each) or `split`")
    record NewRequestBody(
            @ArraySchema(minItems = 1, maxItems = RequestRules.MAX_PAYERS, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(pattern = ApiFormats.HANDLE_INPUT, maxLength = ApiFormats.HANDLE_INPUT_MAX, example = "@bob"))
            List<String> from,
            @Schema(ref = MONEY_INPUT, description = "Asked of each payer") MoneyBody amount,
            SplitBody split,
            @Schema(pattern = ApiFormats.LINE, maxLength = RequestRules.MAX_NOTE, example = "Pizza") String note) {
    }

    private final RequestService service;
    private final RequestStore store;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;

    RequestController(RequestService service, RequestStore store, IdempotentRequests idempotency, JsonMapper json) {
        this.service = service;
        this.store = store;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Request money from one or several people, or split a bill",
            description = "Each payer is notified (money_requested) and pays with one PIN confirmation or declines. Idempotency-Key: "
                    + "the same key and request answer the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = RequestViews.Request.class))))
    @ProblemResponse(status = 400, codes = { "invalid_body", "invalid_handle", "invalid_amount", "unsupported_currency", "invalid_note",
            "too_many_payers", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "split_mismatch", "self_request", "duplicate_payer", "payer_not_found", "idempotency_key_reused" },
            description = "split_mismatch: the amounts are not one per payer or do not add up to the total (or the total is under a cent each).")
    Mono<ResponseEntity<String>> create(@AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody NewRequestBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            if (body == null || body.from() == null) {
                throw ProblemException.badRequest("invalid_body", "Name who you ask: \"from\": [\"@bob\"], with \"amount\" or \"split\".");
            }
            var each = body.amount() == null ? null : cents(body.amount());
            var total = body.split() == null ? null : cents(body.split().total());
            var amounts = body.split() == null || body.split().amounts() == null ? null
                    : body.split().amounts().stream().map(RequestController::cents).toList();
            var ask = new RequestRules.Ask(null, body.from(), each, total, amounts, body.note());
            var fingerprint = idempotency.fingerprint("requests CREATE", String.join(",", body.from()), String.valueOf(each),
                    String.valueOf(total), String.valueOf(amounts), String.valueOf(body.note()));
            return idempotency.execute(user.value(), key, fingerprint, completion -> service.create(user, ask, PaymentSource.API, null)
                    .flatMap(created -> {
                        var view = json.writeValueAsString(RequestViews.of(created.request(), created.items(), user));
                        // Stored after the request committed: a crash in between frees the key and a retry asks again.
                        return completion.complete(201, view).thenReturn(new IdempotentRequests.Response(201, view, false));
                    }));
        }).map(RequestController::entity);
    }

    @GetMapping("/api/requests")
    @Operation(summary = "List requests you made (outgoing) or that ask you (incoming), newest first",
            description = "At most 50. Outgoing: every item, with who paid; incoming: your own item only.")
    @ProblemResponse(status = 400, codes = "invalid_role")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<RequestViews.Page> list(@AuthenticationPrincipal Jwt jwt, @Parameter(description = "outgoing (the default) or incoming",
            schema = @Schema(allowableValues = { "incoming", "outgoing" }, maxLength = 8)) @RequestParam(required = false) String role) {
        var user = user(jwt);
        var incoming = role != null && "incoming".equals(role.toLowerCase(Locale.ROOT));
        if (role != null && !incoming && !"outgoing".equals(role.toLowerCase(Locale.ROOT))) {
            return Mono.error(ProblemException.badRequest("invalid_role", "role is incoming or outgoing."));
        }
        var ids = incoming ? store.byPayer(user, 50).map(i -> i.request().value()) : store.byRequester(user, 50).map(r -> r.id().value());
        return ids.collectList().flatMap(list -> list.isEmpty() ? Mono.just(new RequestViews.Page(List.of()))
                : store.findAll(list).collectMap(r -> r.id().value()).zipWith(store.itemsOf(list).collectMultimap(i -> i.request().value()))
                        .map(t -> new RequestViews.Page(list.stream().map(id -> RequestViews.of(t.getT1().get(id),
                                List.copyOf(t.getT2().get(id)), user)).toList())));
    }

    @GetMapping("/api/requests/{id}")
    @Operation(summary = "Get a request you made or that asks you")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "request_not_found", description = "Also someone else's request.")
    Mono<RequestViews.Request> get(@AuthenticationPrincipal Jwt jwt,
            @Parameter(schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String id) {
        var user = user(jwt);
        var requestId = id(id);
        return store.find(requestId).zipWith(store.items(requestId).collectList())
                .filter(t -> t.getT1().requester().equals(user) || t.getT2().stream().anyMatch(i -> i.payer().equals(user)))
                .switchIfEmpty(Mono.error(RequestService::notFound))
                .map(t -> RequestViews.of(t.getT1(), t.getT2(), user));
    }

    @PostMapping("/api/requests/{id}/pay")
    @Operation(summary = "Pay your part of a request: the payment waits for your PIN",
            description = "Confirm it with POST /api/payments/{paymentId}/confirm within 15 minutes, like any payment (same caps "
                    + "and codes); the money goes to the requester's wallet and your item turns PAID. While that payment waits, "
                    + "paying again answers it again.",
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = RequestViews.Payment.class))))
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "request_not_found", description = "Also a request that does not ask you.")
    @ProblemResponse(status = 409, codes = { "request_paid", "request_declined" })
    @ProblemResponse(status = 422, codes = { "pin_not_set", "limit_exceeded", "payee_not_found", "self_payment" },
            description = "As for any payment; limit_exceeded carries `limit` and `limitType`.")
    Mono<ResponseEntity<RequestViews.Payment>> pay(@AuthenticationPrincipal Jwt jwt,
            @Parameter(schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String id) {
        var user = user(jwt);
        return service.pay(user, id(id)).map(p -> ResponseEntity.status(HttpStatus.CREATED).body(RequestViews.payment(p)));
    }

    @PostMapping("/api/requests/{id}/decline")
    @Operation(summary = "Decline your part of a request", description = "The requester is told; declining again answers the same.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "request_not_found", description = "Also a request that does not ask you.")
    @ProblemResponse(status = 409, codes = { "request_paid", "payment_pending" },
            description = "payment_pending: your payment of it waits for your PIN; cancel it first.")
    Mono<RequestViews.Request> decline(@AuthenticationPrincipal Jwt jwt,
            @Parameter(schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String id) {
        var user = user(jwt);
        return service.decline(user, id(id)).map(r -> RequestViews.of(r.request(), r.items(), user));
    }

    @PostMapping("/api/requests/{id}/remind")
    @Operation(summary = "Remind the payers who have not answered",
            description = "Requester only. Each unanswered payer is reminded at most once an hour (money_request_reminder).")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "request_not_found", description = "Also someone else's request.")
    @ProblemResponse(status = 429, codes = "reminder_too_soon", description = "Everyone answered, or was reminded within the hour.")
    Mono<RequestViews.Reminded> remind(@AuthenticationPrincipal Jwt jwt,
            @Parameter(schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String id) {
        var user = user(jwt);
        return service.remind(user, id(id)).map(items -> new RequestViews.Reminded(items.stream().map(ItemRow::payerHandle).toList()));
    }

    private static ResponseEntity<String> entity(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(HttpStatus.valueOf(response.status())).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
    }

    private static RequestId id(String text) {
        try {
            return new RequestId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw RequestService.notFound();
        }
    }

    private static long cents(MoneyBody money) {
        if (money == null || !(money.amount() instanceof String text)) {
            throw ProblemException.badRequest("invalid_amount", "An amount is {\"amount\":\"15.00\",\"currency\":\"EUR\"}, the amount a decimal string.");
        }
        if (money.currency() != null && !"EUR".equals(money.currency())) {
            throw ProblemException.badRequest("unsupported_currency", "Requests are in euros only.");
        }
        try {
            return RequestAmounts.cents(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_amount", e.getMessage());
        }
    }

    private static UserId user(Jwt jwt) {
        var scope = jwt.getClaimAsString("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("user")) {
            throw ProblemException.forbidden("forbidden", "This needs a user's token.");
        }
        return UserId.fromSubject(jwt.getSubject());
    }
}
