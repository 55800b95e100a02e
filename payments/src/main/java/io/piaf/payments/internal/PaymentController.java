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

import io.piaf.common.ProblemException;
import io.piaf.identity.Handle;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.Notes;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
class PaymentController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record PaymentRequest(String to, MoneyJson amount, String note, String visibility) {
    }

    record PinRequest(String pin) {
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
    Mono<PaymentViews.PaymentView> confirm(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody PinRequest body) {
        var caller = Callers.user(jwt);
        return confirmations.confirm(caller, paymentId(id), body == null ? null : body.pin())
                .map(p -> PaymentViews.forParty(p, caller));
    }

    @PostMapping("/api/payments/{id}/cancel")
    Mono<PaymentViews.PaymentView> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        var caller = Callers.user(jwt);
        return confirmations.cancel(caller, paymentId(id)).map(p -> PaymentViews.forParty(p, caller));
    }

    @GetMapping("/api/payments/{id}")
    Mono<PaymentViews.PaymentView> payment(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return views.view(Callers.user(jwt), paymentId(id));
    }

    @PostMapping(path = "/api/wallet/top-ups", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> topUp(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody TopUpService.TopUpRequest body) {
        UserId user = Callers.user(jwt);
        return topUps.topUp(user, key, body).map(PaymentController::entity);
    }

    static ResponseEntity<String> entity(Idempotency.Response response) {
        var builder = ResponseEntity.status(HttpStatus.valueOf(response.status())).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
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
