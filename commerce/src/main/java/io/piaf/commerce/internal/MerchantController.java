package io.piaf.commerce.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.commerce.MerchantId;
import io.piaf.identity.ClientCredentials;
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

/** A user's merchant accounts and their API credentials (the secret is shown once, in the answer that made it). */
@RestController
@Tag(name = "Merchants")
class MerchantController {

    @Schema(name = "MerchantRequest")
    record OpenRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, minLength = 1, maxLength = 80) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4, description = "ISO 18245 merchant category code") String mcc,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", maxLength = 254) String supportEmail) {
    }

    @Schema(name = "ClientSecretRotation")
    record RotateRequest(@Schema(description = "Stop the older secrets now rather than in 24 hours", defaultValue = "false") Boolean revokeOthers) {
    }

    private final Merchants merchants;

    MerchantController(Merchants merchants) {
        this.merchants = merchants;
    }

    @PostMapping(path = "/api/merchants", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a merchant account: it gets an OAuth 2.0 client, whose secret this answer shows once",
            responses = @ApiResponse(responseCode = "201", description = "Created (Cache-Control: no-store)",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.MerchantOpened.class))))
    @ProblemResponse(status = 400, codes = { "invalid_name", "invalid_mcc", "invalid_email" })
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    Mono<ResponseEntity<Map<String, Object>>> open(@AuthenticationPrincipal Jwt jwt, @RequestBody OpenRequest request) {
        return merchants.open(Callers.user(jwt), request.name(), request.mcc(), request.supportEmail()).map(opened -> {
            var body = view(opened.merchant());
            body.put("clientId", opened.credentials().clientId().value());
            body.put("clientSecret", opened.credentials().secret());
            body.put("scopes", Merchants.SCOPES.stream().sorted().toList());
            return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
        });
    }

    @GetMapping("/api/merchants")
    @Operation(summary = "List your merchant accounts",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.MerchantList.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    Mono<Map<String, Object>> list(@AuthenticationPrincipal Jwt jwt) {
        return merchants.ownedBy(Callers.user(jwt)).map(MerchantController::view).collectList().map(items -> Map.of("items", items));
    }

    @GetMapping("/api/merchants/{id}")
    @Operation(summary = "Get one of your merchant accounts",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.Merchant.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "merchant_not_found", description = "Also another user's merchant.")
    Mono<Map<String, Object>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return merchants.owned(Callers.user(jwt), merchantId(id)).map(MerchantController::view);
    }

    @PostMapping(path = "/api/merchants/{id}/credentials", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Issue a new client secret (shown once); the older ones keep working 24 hours unless revokeOthers",
            responses = @ApiResponse(responseCode = "201", description = "Created (Cache-Control: no-store)",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.SecretIssued.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "merchant_not_found")
    Mono<ResponseEntity<Map<String, Object>>> rotate(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestBody(required = false) RotateRequest request) {
        var revoke = request != null && Boolean.TRUE.equals(request.revokeOthers());
        return merchants.rotate(Callers.user(jwt), merchantId(id), revoke).map(credentials ->
                ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(credentials(credentials)));
    }

    @PostMapping("/api/merchants/{id}/credentials/revoke")
    @Operation(summary = "Revoke every client secret of a merchant now",
            description = "Tokens already issued live until their `exp` (at most 15 minutes).",
            responses = @ApiResponse(responseCode = "204", description = "No Content"))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "merchant_not_found")
    Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return merchants.revoke(Callers.user(jwt), merchantId(id)).thenReturn(ResponseEntity.noContent().build());
    }

    private static Map<String, Object> credentials(ClientCredentials c) {
        var body = new LinkedHashMap<String, Object>();
        body.put("clientId", c.clientId().value());
        body.put("clientSecret", c.secret());
        body.put("previousSecretsExpireAt", c.previousSecretsExpireAt() == null ? null : c.previousSecretsExpireAt().toString());
        return body;
    }

    static LinkedHashMap<String, Object> view(MerchantStore.Merchant m) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", m.id().toString());
        body.put("name", m.name());
        body.put("mcc", m.mcc());
        body.put("supportEmail", m.supportEmail());
        body.put("clientId", m.clientId());
        return body;
    }

    private static MerchantId merchantId(String id) {
        return new MerchantId(Callers.id(id, Merchants.notFound()));
    }
}
