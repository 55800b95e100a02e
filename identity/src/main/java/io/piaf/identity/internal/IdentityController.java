package io.piaf.identity.internal;

import java.util.Map;

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

    record RefreshRequest(String refresh_token) {
    }

    record TokenResponse(String access_token, String token_type, long expires_in, String refresh_token) {
    }

    record PinRequest(String pin, String currentPin, String password) {
    }

    record SettingsRequest(String paymentVisibility) {
    }

    record Settings(String paymentVisibility) {
    }

    @PostMapping(path = "/api/auth/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SignedUp> signUp(@RequestBody IdentityService.SignUp request) {
        return identity.signUp(request).map(u -> new SignedUp(u.id().toString(), u.handle(), u.displayName()));
    }

    @PostMapping(path = "/api/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<TokenResponse> token(@RequestBody TokenRequest request) {
        return identity.token(request.handle(), request.password()).map(IdentityController::response);
    }

    @PostMapping(path = "/api/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<TokenResponse> refresh(@RequestBody RefreshRequest request) {
        return identity.refresh(request.refresh_token()).map(IdentityController::response);
    }

    @PostMapping(path = "/api/auth/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(@RequestBody RefreshRequest request) {
        return identity.logout(request.refresh_token());
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return keys.publicJwks();
    }

    @PutMapping(path = "/api/me/pin", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> setPin(@AuthenticationPrincipal Jwt jwt, @RequestBody PinRequest request) {
        return identity.setPin(UserId.fromSubject(jwt.getSubject()), request.pin(), request.currentPin(), request.password());
    }

    @PutMapping(path = "/api/me/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Settings> settings(@AuthenticationPrincipal Jwt jwt, @RequestBody SettingsRequest request) {
        return identity.setPaymentVisibility(UserId.fromSubject(jwt.getSubject()), request.paymentVisibility())
                .map(u -> new Settings(u.paymentVisibility().name()));
    }

    private static TokenResponse response(IdentityService.Session session) {
        return new TokenResponse(session.access().value(), "Bearer", session.access().expiresInSeconds(), session.refresh().token());
    }
}
