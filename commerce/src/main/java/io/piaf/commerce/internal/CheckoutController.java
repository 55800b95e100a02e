package io.piaf.commerce.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.commerce.CheckoutSessionId;
import io.piaf.commerce.internal.domain.Checkouts;
import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Checkout sessions: made, read and expired by their merchant; read and paid by a signed-in user. */
@RestController
@Tag(name = "Checkout")
class CheckoutController {

    /** Fields stay Objects so that a wrong JSON type is a problem with its code, not a codec error. */
    @Schema(name = "CheckoutSessionRequest")
    record SessionRequest(
            @ArraySchema(minItems = 1, maxItems = 100, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED))
            List<LineItemInput> lineItems,
            @Schema(types = "string", pattern = ApiFormats.LINE, maxLength = 200, description = "Yours: never shown to the buyer") Object reference,
            @Schema(maxProperties = 50, additionalPropertiesSchema = CommerceSchemas.Text500.class,
                    description = "Yours, strings only: never shown to the buyer") Object metadata,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = CommerceSchemas.URL, maxLength = CommerceSchemas.URL_MAX,
                    description = "Where the buyer goes once paid") Object successUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = CommerceSchemas.URL, maxLength = CommerceSchemas.URL_MAX,
                    description = "Where the buyer goes to give up") Object cancelUrl,
            @Schema(types = "integer", format = "int32", minimum = "60", maximum = "604800", defaultValue = "86400") Object expiresInSeconds) {
    }

    @Schema(name = "CheckoutLineItemInput")
    record LineItemInput(
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = ApiFormats.LINE, minLength = 1, maxLength = 200) Object name,
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "integer", format = "int32", minimum = "1", maximum = "10000") Object quantity,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = "#/components/schemas/MoneyInput",
                    description = "The price of one, in EUR (the bare decimal string, \"1.20\", is also accepted)") Object unitAmount) {
    }

    @Schema(name = "CheckoutPayment")
    record PayRequest(@Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = ApiFormats.PIN, maxLength = 6,
            format = "password") Object pin) {
    }

    private final CheckoutService checkouts;
    private final Merchants merchants;
    private final CommerceIdempotency idempotency;
    private final CommerceProperties properties;
    private final JsonMapper json;

    CheckoutController(CheckoutService checkouts, Merchants merchants, CommerceIdempotency idempotency, CommerceProperties properties,
            JsonMapper json) {
        this.checkouts = checkouts;
        this.merchants = merchants;
        this.idempotency = idempotency;
        this.properties = properties;
        this.json = json;
    }

    @PostMapping(path = "/api/checkout/sessions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a checkout session for a buyer to pay (merchant)",
            description = "Send the buyer to the session's `url`. The amount is the sum of the line items, at most 10,000.00 EUR. "
                    + "Idempotency-Key is required: the same key and body answer the stored session again.",
            security = @SecurityRequirement(name = "merchant", scopes = "checkout:write"),
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Session.class))))
    @ProblemResponse(status = 400, codes = { "invalid_line_items", "invalid_amount", "invalid_currency", "invalid_reference",
            "invalid_metadata", "invalid_url", "invalid_expiry", "idempotency_key_required", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with checkout:write.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "amount_too_large", "idempotency_key_reused" })
    Mono<ResponseEntity<String>> create(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody SessionRequest request) {
        var merchant = Callers.merchant(jwt);
        var items = lineItems(request.lineItems() == null ? null : request.lineItems().stream().map(CheckoutController::asMap).toList());
        var metadata = metadata(request.metadata());
        var reference = text(request.reference(), "invalid_reference", "reference");
        var success = text(request.successUrl(), "invalid_url", "successUrl");
        var cancel = text(request.cancelUrl(), "invalid_url", "cancelUrl");
        return idempotency.created(merchant, key, "sessions", json.writeValueAsString(request),
                checkouts.create(merchant, items, reference, metadata, success, cancel, request.expiresInSeconds()).map(this::body));
    }

    @GetMapping("/api/checkout/sessions/{id}")
    @Operation(summary = "Get a checkout session: its merchant's view, or what a buyer sees",
            description = "With a merchant token (payments:read) the merchant's own session; with a user's token the buyer's view "
                    + "(never the merchant's reference nor metadata; successUrl and paymentId once the caller paid it).",
            security = { @SecurityRequirement(name = "merchant", scopes = "payments:read"), @SecurityRequirement(name = "bearer") },
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.SessionOrPayerView.class))))
    @ProblemResponse(status = 403, codes = "forbidden", description = "A merchant token without payments:read.")
    @ProblemResponse(status = 404, codes = "session_not_found", description = "Another merchant's session is not found either.")
    Mono<Map<String, Object>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var session = sessionId(id);
        if (Callers.isMerchant(jwt)) {
            return checkouts.ofMerchant(Callers.merchant(jwt), session).map(s -> CommerceViews.session(s, properties));
        }
        var user = Callers.user(jwt);
        return checkouts.find(session).flatMap(s -> merchants.find(s.merchantId())
                .map(m -> CommerceViews.forPayer(s, m, user.equals(s.payerId()))));
    }

    @PostMapping("/api/checkout/sessions/{id}/expire")
    @Operation(summary = "Expire an open checkout session (merchant)",
            security = @SecurityRequirement(name = "merchant", scopes = "checkout:write"),
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Session.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with checkout:write.")
    @ProblemResponse(status = 404, codes = "session_not_found")
    @ProblemResponse(status = 409, codes = "session_not_open", description = "Already paid.")
    Mono<Map<String, Object>> expire(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return checkouts.expire(Callers.merchant(jwt), sessionId(id)).map(s -> CommerceViews.session(s, properties));
    }

    /** Paying is idempotent by the session: the payer asking again after success gets the same answer. */
    @PostMapping(path = "/api/checkout/sessions/{id}/pay", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pay a checkout session from your wallet with your PIN",
            description = "Idempotent by the session: asking again after paying it answers the same. Two payers at once: one pays, "
                    + "the other gets 409 session_not_open.",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Paid.class))))
    @ProblemResponse(status = 400, codes = "invalid_pin_format")
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "session_not_found")
    @ProblemResponse(status = 409, codes = { "session_not_open", "session_expired" })
    @ProblemResponse(status = 422, codes = { "invalid_pin", "pin_not_set", "insufficient_funds", "own_merchant" },
            description = "invalid_pin carries `attemptsLeft`.")
    @ProblemResponse(status = 423, codes = "pin_locked", description = "Carries `lockedUntil`.")
    Mono<Map<String, Object>> pay(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody PayRequest request) {
        var user = Callers.user(jwt);
        var session = sessionId(id);
        var pin = request.pin() instanceof String text ? text : null;
        return checkouts.find(session)
                .flatMap(found -> user.equals(found.payerId()) ? Mono.just(found) : checkouts.pay(user, session, pin))
                .map(paid -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("status", "COMPLETE");
                    body.put("paymentId", paid.paymentId().toString());
                    body.put("successUrl", paid.successUrl());
                    return body;
                });
    }

    private String body(SessionStore.Session session) {
        return json.writeValueAsString(CommerceViews.session(session, properties));
    }

    private static Map<String, Object> asMap(LineItemInput item) {
        if (item == null) {
            return null;
        }
        var map = new LinkedHashMap<String, Object>();
        map.put("name", item.name());
        map.put("quantity", item.quantity());
        map.put("unitAmount", item.unitAmount());
        return map;
    }

    private List<Checkouts.ItemRequest> lineItems(Object value) {
        if (!(value instanceof List<?> list)) {
            throw ProblemException.badRequest("invalid_line_items", "lineItems is a list of {\"name\",\"quantity\",\"unitAmount\"}.");
        }
        var items = new ArrayList<Checkouts.ItemRequest>();
        for (var item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw ProblemException.badRequest("invalid_line_items", "Each line item is {\"name\",\"quantity\",\"unitAmount\"}.");
            }
            var unit = map.get("unitAmount");
            // {"amount":"12.50","currency":"EUR"} as everywhere else, or the bare decimal string
            if (unit instanceof Map<?, ?> money) {
                if (!"EUR".equals(money.get("currency"))) {
                    throw ProblemException.badRequest("invalid_currency", "Piaf holds EUR only.");
                }
                unit = money.get("amount");
            }
            items.add(new Checkouts.ItemRequest(map.get("name") instanceof String name ? name : null, map.get("quantity"), unit));
        }
        return items;
    }

    private Map<String, Object> metadata(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map) || !map.values().stream().allMatch(v -> v instanceof String s && s.length() <= 500)) {
            throw ProblemException.badRequest("invalid_metadata", "metadata is an object of strings.");
        }
        return json.convertValue(map, new TypeReference<Map<String, Object>>() { });
    }

    private static String text(Object value, String code, String name) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw ProblemException.badRequest(code, name + " is a string.");
    }

    static CheckoutSessionId sessionId(String id) {
        return new CheckoutSessionId(Callers.id(id, CheckoutService.notFound()));
    }
}
