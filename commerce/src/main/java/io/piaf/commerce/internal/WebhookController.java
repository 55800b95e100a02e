package io.piaf.commerce.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ProblemException;
import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** A merchant's webhook endpoints (the signing secret is shown once) and their delivery log. */
@RestController
@Tag(name = "Webhooks")
class WebhookController {

    /** Fields stay Objects so that a wrong JSON type is a problem with its code, not a codec error. */
    @Schema(name = "WebhookEndpointRequest")
    record EndpointRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", pattern = CommerceSchemas.URL, maxLength = CommerceSchemas.URL_MAX,
                    description = "Public http(s) URL: loopback, private and reserved addresses are refused") Object url,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(minItems = 1, maxItems = 4, schema = @Schema(
                    allowableValues = { "checkout.session.completed", "checkout.session.expired", "refund.succeeded", "payout.paid" })) Object events) {
    }

    private final Webhooks webhooks;
    private final WebhookStore store;

    WebhookController(Webhooks webhooks, WebhookStore store) {
        this.webhooks = webhooks;
        this.store = store;
    }

    @PostMapping(path = "/api/webhook-endpoints", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a webhook endpoint (merchant); its signing secret is shown once",
            security = @SecurityRequirement(name = "merchant", scopes = "webhooks:write"),
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.EndpointCreated.class))))
    @ProblemResponse(status = 400, codes = { "invalid_url", "invalid_events" })
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with webhooks:write.")
    @ProblemResponse(status = 422, codes = "forbidden_url", description = "The host resolves to a loopback, private or reserved address.")
    Mono<ResponseEntity<Map<String, Object>>> create(@AuthenticationPrincipal Jwt jwt, @RequestBody EndpointRequest request) {
        var merchant = Callers.merchant(jwt);
        if (!(request.url() instanceof String url)) {
            return Mono.error(ProblemException.badRequest("invalid_url", "url is an absolute http(s) URL."));
        }
        List<String> events = request.events() instanceof List<?> list && list.stream().allMatch(String.class::isInstance)
                ? list.stream().map(String.class::cast).toList() : null;
        return webhooks.create(merchant, url, events).map(e -> {
            var body = view(e);
            body.put("secret", e.secret());
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        });
    }

    @GetMapping("/api/webhook-endpoints")
    @Operation(summary = "List your webhook endpoints (merchant)",
            security = @SecurityRequirement(name = "merchant", scopes = "webhooks:write"),
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.EndpointList.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with webhooks:write.")
    Mono<Map<String, Object>> list(@AuthenticationPrincipal Jwt jwt) {
        return store.endpoints(Callers.merchant(jwt)).map(WebhookController::view).collectList().map(items -> Map.of("items", items));
    }

    @GetMapping("/api/webhook-endpoints/{id}/deliveries")
    @Operation(summary = "The last 100 deliveries to a webhook endpoint (merchant)",
            security = @SecurityRequirement(name = "merchant", scopes = "webhooks:write"),
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.DeliveryList.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with webhooks:write.")
    @ProblemResponse(status = 404, codes = "endpoint_not_found", description = "Also another merchant's endpoint.")
    Mono<Map<String, Object>> deliveries(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var endpoint = Callers.id(id, ProblemException.notFound("endpoint_not_found", "No such webhook endpoint."));
        return webhooks.owned(Callers.merchant(jwt), endpoint)
                .flatMap(e -> store.deliveries(e.id(), 100).map(WebhookController::view).collectList())
                .map(items -> Map.of("items", items));
    }

    @PostMapping("/api/webhook-endpoints/{id}/deliveries/{deliveryId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery again now (merchant)",
            description = "Whatever its state (a failed one, or one your server lost): the same event id and body, signed anew, due at "
                    + "once and retried with backoff for 3 days from now. The endpoint must be enabled.",
            security = @SecurityRequirement(name = "merchant", scopes = "webhooks:write"),
            responses = @ApiResponse(responseCode = "202", description = "Accepted: the delivery is PENDING",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Delivery.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with webhooks:write.")
    @ProblemResponse(status = 404, codes = { "endpoint_not_found", "delivery_not_found" }, description = "Also another merchant's.")
    @ProblemResponse(status = 409, codes = "endpoint_disabled", description = "Enable the endpoint first.")
    Mono<Map<String, Object>> resend(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @Parameter(description = "The delivery's id", schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String deliveryId) {
        var endpoint = Callers.id(id, ProblemException.notFound("endpoint_not_found", "No such webhook endpoint."));
        var delivery = Callers.id(deliveryId, deliveryNotFound());
        return webhooks.owned(Callers.merchant(jwt), endpoint)
                .flatMap(e -> e.enabled() ? store.resend(e.id(), delivery).switchIfEmpty(Mono.error(WebhookController::deliveryNotFound))
                        : Mono.error(ProblemException.conflict("endpoint_disabled", "This endpoint is disabled: enable it first.")))
                .map(WebhookController::view);
    }

    @PostMapping("/api/webhook-endpoints/{id}/enable")
    @Operation(summary = "Enable a webhook endpoint again (merchant)",
            description = "An endpoint that failed every attempt for 3 days is disabled (its owner is notified). Enabling it sends its "
                    + "waiting deliveries at once; events that happened while it was disabled were not recorded for it.",
            security = @SecurityRequirement(name = "merchant", scopes = "webhooks:write"),
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Endpoint.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "merchant_token_required" }, description = "Not a merchant token with webhooks:write.")
    @ProblemResponse(status = 404, codes = "endpoint_not_found", description = "Also another merchant's endpoint.")
    Mono<Map<String, Object>> enable(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var endpoint = Callers.id(id, ProblemException.notFound("endpoint_not_found", "No such webhook endpoint."));
        var merchant = Callers.merchant(jwt);
        return webhooks.owned(merchant, endpoint).flatMap(e -> store.enable(e.id())).then(webhooks.owned(merchant, endpoint))
                .map(WebhookController::view);
    }

    private static ProblemException deliveryNotFound() {
        return ProblemException.notFound("delivery_not_found", "No such delivery of this endpoint.");
    }

    static Map<String, Object> view(WebhookStore.Delivery d) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", d.id().toString());
        view.put("eventId", "evt_" + d.eventId());
        view.put("type", d.type());
        view.put("status", d.status());
        view.put("attempts", d.attempts());
        view.put("lastStatusCode", d.lastStatus());
        view.put("lastLatencyMs", d.lastLatencyMs());
        view.put("lastError", d.lastError());
        view.put("nextAttemptAt", "PENDING".equals(d.status()) && d.nextAttemptAt() != null ? d.nextAttemptAt().toString() : null);
        view.put("createdAt", d.createdAt().toString());
        view.put("deliveredAt", d.deliveredAt() == null ? null : d.deliveredAt().toString());
        return view;
    }

    static LinkedHashMap<String, Object> view(WebhookStore.Endpoint e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", e.id().toString());
        body.put("url", e.url());
        body.put("events", e.events().stream().sorted().toList());
        body.put("enabled", e.enabled());
        body.put("createdAt", e.createdAt().toString());
        if (e.disabledAt() != null) {
            body.put("disabledAt", e.disabledAt().toString());
        }
        return body;
    }
}
