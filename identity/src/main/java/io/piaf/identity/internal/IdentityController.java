package io.piaf.identity.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

@RestController
class IdentityController {

    private final IdentityService identity;
    private final KeyRing keys;

    IdentityController(IdentityService identity, KeyRing keys) {
        this.identity = identity;
        this.keys = keys;
    }

    record SignedUp(String id, String handle, String displayName) {
    }

    record TokenRequest(String handle, String password) {
    }

    record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    record PinRequest(String pin, String currentPin) {
    }

    record SettingsRequest(String paymentVisibility, @JsonProperty("protected") Boolean protectedAccount) {
    }

    record Settings(String paymentVisibility, @JsonProperty("protected") boolean protectedAccount) {
    }

    @PostMapping(path = "/api/auth/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SignedUp> signUp(@RequestBody IdentityService.SignUp request) {
        return identity.signUp(request).map(u -> new SignedUp(u.id().toString(), u.handle(), u.displayName()));
    }

    @PostMapping(path = "/api/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<TokenResponse> token(@RequestBody TokenRequest request) {
        return identity.token(request.handle(), request.password())
                .map(t -> new TokenResponse(t.value(), "Bearer", t.expiresInSeconds()));
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return keys.publicJwks();
    }

    @PutMapping(path = "/api/me/pin", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> setPin(@AuthenticationPrincipal Jwt jwt, @RequestBody PinRequest request) {
        return identity.setPin(UserId.fromSubject(jwt.getSubject()), request.pin(), request.currentPin());
    }

    @PutMapping(path = "/api/me/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Settings> settings(@AuthenticationPrincipal Jwt jwt, @RequestBody SettingsRequest request) {
        return identity.updateSettings(UserId.fromSubject(jwt.getSubject()), request.paymentVisibility(), request.protectedAccount())
                .map(u -> new Settings(u.paymentVisibility().name(), u.protectedAccount()));
    }
}
