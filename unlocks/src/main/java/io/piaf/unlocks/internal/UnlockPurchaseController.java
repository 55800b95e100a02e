package io.piaf.unlocks.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ProblemResponse;
import io.piaf.idempotency.IdempotentRequests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** "Or pay": unlocking an item by paying its price with the PIN (docs/api.md, "Content payments"). */
@RestController
@Tag(name = "Unlocks")
class UnlockPurchaseController {

    @Schema(name = "UnlockPurchaseRequest")
    record PurchaseBody(@Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4,6}$", maxLength = 6, description = "Your payment PIN") String pin) {
    }

    private final UnlockPurchases purchases;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;

    UnlockPurchaseController(UnlockPurchases purchases, IdempotentRequests idempotency, JsonMapper json) {
        this.purchases = purchases;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/unlockables/{id}/purchase", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Unlock an item by paying its price",
            description = "The price moves from your wallet to the creator's with your PIN, in the transaction that grants the unlock. "
                    + "One unlock per item: after an unlock by post, or a first purchase, 409 already_unlocked and nothing is charged. "
                    + "Idempotency-Key: the same key and request answer the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Paid and unlocked",
                    content = @Content(schema = @Schema(implementation = UnlockViews.Purchased.class))))
    @ProblemResponse(status = 400, codes = { "invalid_pin_format", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "unlockable_not_found")
    @ProblemResponse(status = 409, codes = { "already_unlocked", "idempotency_key_in_use" })
    @ProblemResponse(status = 422, codes = { "not_for_sale", "own_unlockable", "invalid_pin", "pin_not_set", "insufficient_funds",
            "idempotency_key_reused" }, description = "invalid_pin carries `attemptsLeft`.")
    @ProblemResponse(status = 423, codes = "pin_locked", description = "Too many wrong PINs; carries `lockedUntil`.")
    Mono<ResponseEntity<String>> purchase(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = UnlockableController.ID, schema = @Schema(format = "uuid")) @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody PurchaseBody body) {
        var user = UnlockableController.user(jwt);
        return Mono.defer(() -> {
            var item = UnlockableController.parse(id);
            var pin = body == null ? null : body.pin();
            var fingerprint = idempotency.fingerprint("unlocks PURCHASE", item.toString(), String.valueOf(pin));
            return idempotency.execute(user.value(), key, fingerprint, completion -> purchases.purchase(user, item, pin, purchased -> {
                var view = json.writeValueAsString(UnlockViews.Purchased.of(purchased));
                return completion.complete(201, view);
            }).map(purchased -> new IdempotentRequests.Response(201, json.writeValueAsString(UnlockViews.Purchased.of(purchased)), false)));
        }).map(response -> {
            var builder = ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON);
            if (response.replayed()) {
                builder.header("Idempotent-Replayed", "true");
            }
            return builder.body(response.body());
        });
    }
}
