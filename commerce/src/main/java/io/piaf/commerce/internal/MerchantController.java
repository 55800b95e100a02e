package io.piaf.commerce.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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
import reactor.core.publisher.Mono;

/** A user's merchant accounts and their API credentials (the secret is shown once, in the answer that made it). */
@RestController
class MerchantController {

    record OpenRequest(String name, String mcc, String supportEmail) {
    }

    record RotateRequest(Boolean revokeOthers) {
    }

    private final Merchants merchants;

    MerchantController(Merchants merchants) {
        this.merchants = merchants;
    }

    @PostMapping("/api/merchants")
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
    Mono<Map<String, Object>> list(@AuthenticationPrincipal Jwt jwt) {
        return merchants.ownedBy(Callers.user(jwt)).map(MerchantController::view).collectList().map(items -> Map.of("items", items));
    }

    @GetMapping("/api/merchants/{id}")
    Mono<Map<String, Object>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return merchants.owned(Callers.user(jwt), merchantId(id)).map(MerchantController::view);
    }

    @PostMapping("/api/merchants/{id}/credentials")
    Mono<ResponseEntity<Map<String, Object>>> rotate(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestBody(required = false) RotateRequest request) {
        var revoke = request != null && Boolean.TRUE.equals(request.revokeOthers());
        return merchants.rotate(Callers.user(jwt), merchantId(id), revoke).map(credentials ->
                ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(credentials(credentials)));
    }

    @PostMapping("/api/merchants/{id}/credentials/revoke")
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
