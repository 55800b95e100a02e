package io.piaf.commerce.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.commerce.internal.domain.Checkouts;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Payouts of a merchant's balance to its (sandbox) bank account, on demand. */
@RestController
@Tag(name = "Merchants")
class PayoutController {

    /** A field stays an Object so that a wrong JSON type is a problem with its code, not a codec error. */
    @Schema(name = "PayoutRequest")
    record PayoutRequest(
            @Schema(ref = "#/components/schemas/MoneyInput",
                    description = "In EUR (the bare decimal string, \"25.00\", is also accepted); none: the whole balance") Object amount) {
    }

    private final PayoutService payouts;
    private final CommerceIdempotency idempotency;
    private final JsonMapper json;

    PayoutController(PayoutService payouts, CommerceIdempotency idempotency, JsonMapper json) {
        this.payouts = payouts;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/payouts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pay out your balance, or part of it, to your bank account (merchant)",
            description = "The sandbox bank pays at once: the payout is PAID and a payout.paid webhook follows. Idempotency-Key is "
                    + "required: the same key and body answer the stored payout again.",
            security = @SecurityRequirement(name = "merchant", scopes = "payouts:write"),
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Payout.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "invalid_currency", "idempotency_key_required", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with payouts:write.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "insufficient_balance", "nothing_to_pay_out", "idempotency_key_reused" })
    Mono<ResponseEntity<String>> payOut(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody PayoutRequest request) {
        var merchant = Callers.merchant(jwt);
        Long amount = null;
        if (request.amount() != null) {
            var value = request.amount() instanceof Map<?, ?> money ? money.get("amount") : request.amount();
            if (request.amount() instanceof Map<?, ?> money && !"EUR".equals(money.get("currency"))) {
                return Mono.error(ProblemException.badRequest("invalid_currency", "Piaf holds EUR only."));
            }
            amount = Checkouts.cents(value);
            if (amount <= 0) {
                return Mono.error(ProblemException.badRequest("invalid_amount", "A payout amount is a positive decimal string in euros."));
            }
        }
        var requested = amount;
        return idempotency.created(merchant, key, "payouts", json.writeValueAsString(request),
                payouts.payOut(merchant, requested).map(payout -> json.writeValueAsString(view(payout))));
    }

    @GetMapping("/api/payouts")
    @Operation(summary = "Your balance and your last 100 payouts (merchant)",
            security = @SecurityRequirement(name = "merchant", scopes = "payouts:write"),
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.PayoutList.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with payouts:write.")
    Mono<Map<String, Object>> list(@AuthenticationPrincipal Jwt jwt) {
        var merchant = Callers.merchant(jwt);
        return Mono.zip(payouts.balance(merchant), payouts.recent(merchant, 100).map(PayoutController::view).collectList())
                .map(t -> Map.of("balance", CommerceViews.money(t.getT1()), "items", t.getT2()));
    }

    static Map<String, Object> view(PayoutService.Payout payout) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", payout.id().toString());
        view.put("object", "payout");
        view.put("status", payout.status());
        view.put("amount", CommerceViews.money(payout.amount()));
        view.put("destination", "sandbox_bank");
        view.put("createdAt", payout.createdAt().toString());
        view.put("paidAt", payout.paidAt().toString());
        return view;
    }
}
