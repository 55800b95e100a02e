package io.piaf.commerce.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.commerce.MerchantId;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * What a merchant's owner reads in the web app's dashboard with their own (user) token: the merchant's sessions, its
 * webhook endpoints and their delivery log, and a test event sent to an endpoint. Everything else the merchant writes
 * stays with the merchant's token.
 */
@RestController
@Tag(name = "Merchants")
class MerchantDashboardController {

    private final Merchants merchants;
    private final SessionStore sessions;
    private final WebhookStore webhookStore;
    private final Webhooks webhooks;
    private final CommerceProperties properties;

    MerchantDashboardController(Merchants merchants, SessionStore sessions, WebhookStore webhookStore, Webhooks webhooks,
            CommerceProperties properties) {
        this.merchants = merchants;
        this.sessions = sessions;
        this.webhookStore = webhookStore;
        this.webhooks = webhooks;
        this.properties = properties;
    }

    @GetMapping("/api/merchants/{id}/sessions")
    @Operation(summary = "The last 100 checkout sessions of one of your merchants, newest first (with what was refunded)",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.SessionList.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "merchant_not_found", description = "Also another user's merchant.")
    Mono<Map<String, Object>> sessions(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return merchants.owned(Callers.user(jwt), merchantId(id))
                .flatMap(m -> sessions.recent(m.id(), 100).map(s -> CommerceViews.session(s, properties)).collectList())
                .map(items -> Map.of("items", items));
    }

    @GetMapping("/api/merchants/{id}/webhook-endpoints")
    @Operation(summary = "The webhook endpoints of one of your merchants (without their secrets)",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.EndpointList.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "merchant_not_found", description = "Also another user's merchant.")
    Mono<Map<String, Object>> endpoints(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return merchants.owned(Callers.user(jwt), merchantId(id))
                .flatMap(m -> webhookStore.endpoints(m.id()).map(WebhookController::view).collectList())
                .map(items -> Map.of("items", items));
    }

    @GetMapping("/api/merchants/{id}/webhook-endpoints/{endpointId}/deliveries")
    @Operation(summary = "The last 100 deliveries to a webhook endpoint of one of your merchants",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.DeliveryList.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = { "merchant_not_found", "endpoint_not_found" }, description = "Also another user's.")
    Mono<Map<String, Object>> deliveries(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @Parameter(description = "The endpoint's id", schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String endpointId) {
        UUID endpoint = Callers.id(endpointId, ProblemException.notFound("endpoint_not_found", "No such webhook endpoint."));
        return merchants.owned(Callers.user(jwt), merchantId(id))
                .flatMap(m -> webhooks.owned(m.id(), endpoint))
                .flatMap(e -> webhookStore.deliveries(e.id(), 100).map(WebhookController::view).collectList())
                .map(items -> Map.of("items", items));
    }

    @PostMapping("/api/merchants/{id}/webhook-endpoints/{endpointId}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a test event to a webhook endpoint of one of your merchants",
            description = "A `webhook.test` event (`data.object` is the endpoint), signed with the endpoint's secret and sent like any "
                    + "other event, whatever the endpoint subscribed to: retried with backoff, and in its delivery log.",
            responses = @ApiResponse(responseCode = "202", description = "Accepted: the delivery is PENDING",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Delivery.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = { "merchant_not_found", "endpoint_not_found" }, description = "Also another user's.")
    @ProblemResponse(status = 409, codes = "endpoint_disabled", description = "Enable the endpoint first.")
    Mono<Map<String, Object>> sendTest(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @Parameter(description = "The endpoint's id", schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String endpointId) {
        UUID endpoint = Callers.id(endpointId, ProblemException.notFound("endpoint_not_found", "No such webhook endpoint."));
        return merchants.owned(Callers.user(jwt), merchantId(id))
                .flatMap(m -> webhooks.sendTest(m.id(), endpoint))
                .map(WebhookController::view);
    }

    private static MerchantId merchantId(String id) {
        return new MerchantId(Callers.id(id, Merchants.notFound()));
    }
}
