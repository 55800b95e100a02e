package io.piaf.payments.internal;

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
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.Handle;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.Notes;
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
@Tag(name = "Payments")
class PaymentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    @Schema(name = "PaymentRequest")
    record PaymentRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE_INPUT, maxLength = ApiFormats.HANDLE_INPUT_MAX,
                    description = "The payee's handle, with or without @", example = "@bob") String to,
            @Schema(requiredMode = RequiredMode.REQUIRED, implementation = MoneyJson.Input.class) MoneyJson amount,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280, description = "One line") String note,
            @Schema(allowableValues = { "PUBLIC", "FOLLOWERS", "PRIVATE" },
                    description = "Who may see the receipt; it gets the most private of this and both parties' settings") String visibility) {
    }

    @Schema(name = "PaymentConfirmation")
    record PinRequest(@Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.PIN, maxLength = 6, format = "password") String pin) {
    }

    private final PaymentRequests requests;
    private final PaymentConfirmations confirmations;
    private final PaymentViews views;
    private final Fingerprints fingerprints;
    private final TopUpService topUps;
    private final JsonMapper json;

    PaymentController(PaymentRequests requests, PaymentConfirmations confirmations, PaymentViews views,
            Fingerprints fingerprints, TopUpService topUps, JsonMapper json) {
        this.requests = requests;
        this.confirmations = confirmations;
        this.views = views;
        this.fingerprints = fingerprints;
        this.topUps = topUps;
        this.json = json;
    }

    @PostMapping(path = "/api/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ask to pay someone: the payment waits for your PIN",
            description = "Confirm it with POST /api/payments/{id}/confirm within 15 minutes. Idempotency-Key: the same key and "
                    + "request answer the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created, pending confirmation", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = PaymentViews.PaymentView.class))))
    @ProblemResponse(status = 400, codes = { "invalid_handle", "invalid_amount", "unsupported_currency", "invalid_note",
            "invalid_visibility", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "payee_not_found", "self_payment", "pin_not_set", "limit_exceeded",
            "idempotency_key_reused" }, description = "limit_exceeded carries `limit` and `limitType`.")
    Mono<ResponseEntity<String>> pay(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody PaymentRequest body) {
        var payer = Callers.user(jwt);
        return Mono.defer(() -> {
            Idempotency.checkKey(key);
            if (body == null || body.to() == null) {
                throw ProblemException.badRequest("invalid_handle", "\"to\" names the payee, e.g. \"@bob\".");
            }
            var payee = Handle.parse(body.to());
            var cents = MoneyJson.cents(body.amount());
            var note = Notes.clean(body.note());
            var visibility = visibility(body.visibility());
            var request = new PaymentRequests.NewPayment(payer, payee.value(), cents, note, visibility, false, PaymentSource.API, null);
            var idempotent = key == null ? null : new PaymentRequests.Key(key, fingerprints.of("POST /api/payments", payee.value(),
                    Long.toString(cents), note, visibility == null ? null : visibility.name()));
            return requests.request(request, idempotent).flatMap(outcome -> switch (outcome) {
                case PaymentRequests.Outcome.Created created -> Mono.just(new Idempotency.Response(201,
                        json.writeValueAsString(PaymentViews.forParty(created.payment(), payer)), false));
                case PaymentRequests.Outcome.Replayed replayed -> replayed.response();
                case PaymentRequests.Outcome.Refused refused -> Mono.error(PaymentProblems.of(refused.why()));
            });
        }).map(PaymentController::entity);
    }

    @PostMapping(path = "/api/payments/{id}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Confirm a payment with your PIN: the money moves",
            description = "Confirming a completed payment answers it again. The third wrong PIN in a row cancels it and locks the PIN.")
    @ProblemResponse(status = 400, codes = "invalid_pin_format")
    @ProblemResponse(status = 403, codes = { "forbidden", "not_the_payer" })
    @ProblemResponse(status = 404, codes = "payment_not_found")
    @ProblemResponse(status = 409, codes = { "payment_not_pending", "payment_expired", "challenge_mismatch", "payment_failed" },
            description = "`paymentStatus` says what became of it.")
    @ProblemResponse(status = 422, codes = { "invalid_pin", "insufficient_funds", "limit_exceeded", "pin_not_set" },
            description = "invalid_pin carries `attemptsLeft`; after insufficient_funds the payment stays pending.")
    @ProblemResponse(status = 423, codes = "pin_locked", description = "`lockedUntil`; the payment is cancelled (`paymentStatus`).")
    @ProblemResponse(status = 429, codes = "rate_limited", description = "Too many PIN attempts from this address or account.")
    Mono<PaymentViews.PaymentView> confirm(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody PinRequest body) {
        var caller = Callers.user(jwt);
        return confirmations.confirm(caller, paymentId(id), body == null ? null : body.pin())
                .map(p -> PaymentViews.forParty(p, caller));
    }

    @PostMapping("/api/payments/{id}/cancel")
    @Operation(summary = "Cancel a pending payment", description = "Cancelling a cancelled payment answers it again.")
    @ProblemResponse(status = 403, codes = { "forbidden", "not_the_payer" })
    @ProblemResponse(status = 404, codes = "payment_not_found")
    @ProblemResponse(status = 409, codes = { "payment_not_pending", "payment_expired" }, description = "`paymentStatus` says what became of it.")
    Mono<PaymentViews.PaymentView> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var caller = Callers.user(jwt);
        return confirmations.cancel(caller, paymentId(id)).map(p -> PaymentViews.forParty(p, caller));
    }

    @GetMapping("/api/payments/{id}")
    @Operation(summary = "Get a payment: all of it if you are a party, its receipt if its visibility lets you see it",
            description = "A payment you may not see is not found, whether it exists or not.")
    @ProblemResponse(status = 403, codes = "forbidden")
    @ProblemResponse(status = 404, codes = "payment_not_found")
    Mono<PaymentViews.PaymentView> payment(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return views.view(Callers.user(jwt), paymentId(id));
    }

    @PostMapping(path = "/api/wallet/top-ups", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add money to your wallet from a card", tags = "Wallet",
            description = "Idempotency-Key as for payments; a declined or failed charge is stored and answered again too.",
            responses = @ApiResponse(responseCode = "201", description = "Created: the card was charged", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = TopUpService.TopUpView.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "unsupported_currency", "invalid_card", "invalid_expiry",
            "invalid_cvc", "invalid_idempotency_key" })
    @ProblemResponse(status = 402, codes = "card_declined", description = "`declineCode` says why.")
    @ProblemResponse(status = 403, codes = "forbidden")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use")
    @ProblemResponse(status = 422, codes = { "limit_exceeded", "idempotency_key_reused" })
    @ProblemResponse(status = 429, codes = "rate_limited",
            description = "Too many top-ups from this address or account, or too many declined cards lately.")
    @ProblemResponse(status = 502, codes = "processing_error", description = "The card network failed; nothing was charged.")
    Mono<ResponseEntity<String>> topUp(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody TopUpService.TopUpRequest body) {
        UserId user = Callers.user(jwt);
        return topUps.topUp(user, key, body).map(PaymentController::entity);
    }

    static ResponseEntity<String> entity(Idempotency.Response response) {
        var builder = ResponseEntity.status(HttpStatus.valueOf(response.status())).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
    }

    private static PaymentVisibility visibility(String text) {
        if (text == null) {
            return null;
        }
        try {
            return PaymentVisibility.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_visibility", "visibility is PUBLIC, FOLLOWERS or PRIVATE.");
        }
    }

    private static PaymentId paymentId(String id) {
        try {
            return new PaymentId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw PaymentProblems.notFound();
        }
    }
}
