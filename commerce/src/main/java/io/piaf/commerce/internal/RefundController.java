package io.piaf.commerce.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.commerce.internal.domain.Checkouts;
import io.piaf.common.ProblemException;
import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Refunds by the merchant of a paid session: full (no amount) or partial, never more than captured in total. */
@RestController
@Tag(name = "Checkout")
class RefundController {

    /** Fields stay Objects so that a wrong JSON type is a problem with its code, not a codec error. */
    @Schema(name = "RefundRequest")
    record RefundRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", format = "uuid", description = "A paid session of yours") Object sessionId,
            @Schema(ref = "#/components/schemas/MoneyInput",
                    description = "In EUR (the bare decimal string, \"2.50\", is also accepted); none: all that is left") Object amount,
            @Schema(types = "string", pattern = ApiFormats.LINE, maxLength = 500) Object reason) {
    }

    private final CheckoutService checkouts;
    private final CommerceIdempotency idempotency;
    private final JsonMapper json;

    RefundController(CheckoutService checkouts, CommerceIdempotency idempotency, JsonMapper json) {
        this.checkouts = checkouts;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/refunds", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Refund a paid checkout session, in full or in part (merchant)",
            description = "Never more than captured in total. Idempotency-Key is required: the same key and body answer the stored "
                    + "refund again.",
            security = @SecurityRequirement(name = "merchant", scopes = "refunds:write"),
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Refund.class))))
    @ProblemResponse(status = 400, codes = { "invalid_session", "invalid_amount", "invalid_currency", "invalid_reason",
            "idempotency_key_required", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with refunds:write.")
    @ProblemResponse(status = 404, codes = "session_not_found", description = "Also another merchant's session.")
    @ProblemResponse(status = 409, codes = "session_not_paid")
    @ProblemResponse(status = 422, codes = { "refund_exceeds_captured", "insufficient_funds", "idempotency_key_reused" },
            description = "insufficient_funds: the merchant's balance (after payouts) is lower than the refund.")
    Mono<ResponseEntity<String>> refund(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody RefundRequest request) {
        var merchant = Callers.merchant(jwt);
        if (!(request.sessionId() instanceof String sessionText)) {
            return Mono.error(ProblemException.badRequest("invalid_session", "sessionId names a checkout session."));
        }
        var session = CheckoutController.sessionId(sessionText);
        Long amount = null;
        if (request.amount() != null) {
            var value = request.amount() instanceof Map<?, ?> money ? money.get("amount") : request.amount();
            if (request.amount() instanceof Map<?, ?> money && !"EUR".equals(money.get("currency"))) {
                return Mono.error(ProblemException.badRequest("invalid_currency", "Piaf holds EUR only."));
            }
            amount = Checkouts.cents(value);
            if (amount <= 0) {
                return Mono.error(ProblemException.badRequest("invalid_amount", "A refund amount is a positive decimal string in euros."));
            }
        }
        if (request.reason() != null && !(request.reason() instanceof String)) {
            return Mono.error(ProblemException.badRequest("invalid_reason", "reason is a string."));
        }
        var requested = amount;
        return idempotency.created(merchant, key, "refunds", json.writeValueAsString(request),
                checkouts.refund(merchant, session, requested, (String) request.reason()).map(this::body));
    }

    private String body(CheckoutService.Refunded refunded) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", refunded.id().toString());
        body.put("status", "SUCCEEDED");
        body.put("amount", CommerceViews.money(refunded.amount()));
        body.put("sessionId", refunded.session().id().toString());
        body.put("amountRefunded", CommerceViews.money(refunded.session().refunded() + refunded.amount()));
        return json.writeValueAsString(body);
    }
}
