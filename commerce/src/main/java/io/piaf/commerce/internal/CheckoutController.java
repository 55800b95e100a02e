package io.piaf.commerce.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
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
import io.piaf.common.ProblemException;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Checkout sessions: made, read and expired by their merchant; read and paid by a signed-in user. */
@RestController
class CheckoutController {

    record SessionRequest(Object lineItems, Object reference, Object metadata, Object successUrl, Object cancelUrl, Object expiresInSeconds) {
    }

    record PayRequest(Object pin) {
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

    @PostMapping("/api/checkout/sessions")
    Mono<ResponseEntity<String>> create(@AuthenticationPrincipal Jwt jwt, @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody SessionRequest request) {
        var merchant = Callers.merchant(jwt);
        var items = lineItems(request.lineItems());
        var metadata = metadata(request.metadata());
        var reference = text(request.reference(), "invalid_reference", "reference");
        var success = text(request.successUrl(), "invalid_url", "successUrl");
        var cancel = text(request.cancelUrl(), "invalid_url", "cancelUrl");
        return idempotency.execute("merchant:" + merchant, key, "sessions " + json.writeValueAsString(request),
                store -> checkouts.create(merchant, items, reference, metadata, success, cancel, request.expiresInSeconds(),
                        session -> store.apply(body(session))).map(this::body))
                .map(body -> ResponseEntity.status(HttpStatus.CREATED).contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(body));
    }

    @GetMapping("/api/checkout/sessions/{id}")
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
    Mono<Map<String, Object>> expire(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return checkouts.expire(Callers.merchant(jwt), sessionId(id)).map(s -> CommerceViews.session(s, properties));
    }

    /** Paying is idempotent by the session: the payer asking again after success gets the same answer. */
    @PostMapping("/api/checkout/sessions/{id}/pay")
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
