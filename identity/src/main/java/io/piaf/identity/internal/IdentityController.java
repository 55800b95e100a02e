package io.piaf.identity.internal;

import java.util.List;
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

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Identity")
class IdentityController {

    private final IdentityService identity;
    private final KeyRing keys;

    IdentityController(IdentityService identity, KeyRing keys) {
        this.identity = identity;
        this.keys = keys;
    }

    @Schema(name = "SignUp")
    record SignUpRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE_INPUT, maxLength = ApiFormats.HANDLE_INPUT_MAX,
                    description = "3 to 20 letters, digits or _, stored in lower case", example = "alice") String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "password", minLength = 8, maxLength = 128) String password,
            @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 50, pattern = ApiFormats.LINE,
                    description = "1 to 50 characters once trimmed", example = "Alice Martin") String displayName,
            @Schema(pattern = "^\\+[1-9][0-9]{6,14}$", maxLength = 16, description = "International form", example = "+33612345678")
            String phone) {
    }

    record SignedUp(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 50, pattern = ApiFormats.LINE) String displayName) {
    }

    record TokenRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE_INPUT, maxLength = ApiFormats.HANDLE_INPUT_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "password", maxLength = 128) String password) {
    }

    @Schema(name = "Refresh")
    record RefreshRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 100, pattern = "^[A-Za-z0-9_-]+$",
                    description = "The refresh token a token or refresh answer gave; each is used once") String refresh_token) {
    }

    @Schema(name = "Token")
    record TokenResponse(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 4096, pattern = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
                    description = "A JWT (JWS, RS256) for the Authorization: Bearer header") String access_token,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "Bearer") String token_type,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "86400", description = "Seconds the token is valid for")
            long expires_in,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 100, pattern = "^[A-Za-z0-9_-]+$",
                    description = "Renews the session at POST /api/auth/refresh; rotated at each use") String refresh_token) {
    }

    @Schema(name = "PinChange")
    record PinRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.PIN, maxLength = 6, format = "password") String pin,
            @Schema(pattern = ApiFormats.PIN, maxLength = 6, format = "password", description = "Required to change a PIN that is set")
            String currentPin,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "password", maxLength = 128, description = "The account's password")
            String password) {
    }


    @Schema(name = "SettingsChange", description = "The settings to change; at least one")
    record SettingsRequest(
            @Schema(allowableValues = { "PUBLIC", "FOLLOWERS", "PRIVATE" },
                    description = "Who sees your payment receipts by default: everyone, your followers and the other party's, or only the two of you")
            String paymentVisibility,
            @JsonProperty("protected") @Schema(description = "Whether following you takes your approval (a follow request)")
            Boolean protectedAccount) {
    }

    record Settings(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PUBLIC", "FOLLOWERS", "PRIVATE" }) String paymentVisibility,
            @JsonProperty("protected") @Schema(requiredMode = RequiredMode.REQUIRED) boolean protectedAccount) {
    }

    @Schema(description = "A JSON Web Key Set (RFC 7517) of the public keys that verify Piaf's tokens")
    record Jwks(@ArraySchema(maxItems = 10, schema = @Schema(implementation = Jwk.class)) List<Jwk> keys) {
    }

    @Schema(description = "An RSA public key")
    record Jwk(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "RSA") String kty,
            @Schema(maxLength = 100, pattern = "^[A-Za-z0-9_.:-]+$") String kid,
            @Schema(allowableValues = "sig") String use,
            @Schema(allowableValues = "RS256") String alg,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 2048, pattern = "^[A-Za-z0-9_-]+$", description = "Modulus, base64url") String n,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 16, pattern = "^[A-Za-z0-9_-]+$", description = "Exponent, base64url") String e,
            @Schema(minimum = "0", maximum = "9007199254740991", description = "When the key was made, in seconds since the epoch") Long iat,
            @Schema(minimum = "0", maximum = "9007199254740991", description = "Not used before, in seconds since the epoch") Long nbf,
            @Schema(minimum = "0", maximum = "9007199254740991",
                    description = "When the key retires, in seconds since the epoch: tokens it signed are refused after") Long exp) {
    }

    @PostMapping(path = "/api/auth/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account", description = "The account's payments are private until it chooses otherwise.")
    @SecurityRequirements
    @ProblemResponse(status = 400, codes = { "invalid_handle", "weak_password", "invalid_display_name", "invalid_phone" })
    @ProblemResponse(status = 409, codes = { "handle_taken", "handle_confusable" })
    @ProblemResponse(status = 429, codes = "rate_limited", description = "Too many sign-ups from this address.")
    Mono<SignedUp> signUp(@RequestBody SignUpRequest request) {
        var signUp = new IdentityService.SignUp(request.handle(), request.password(), request.displayName(), request.phone());
        return identity.signUp(signUp).map(u -> new SignedUp(u.id().toString(), u.handle(), u.displayName()));
    }

    @PostMapping(path = "/api/auth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get an access token with a handle and a password")
    @SecurityRequirements
    @ProblemResponse(status = 401, codes = "bad_credentials", description = "Unknown handle or wrong password: the same answer for both.")
    @ProblemResponse(status = 429, codes = "rate_limited", description = "Too many sign-ins from this address or for this handle.")
    Mono<TokenResponse> token(@RequestBody TokenRequest request) {
        return identity.token(request.handle(), request.password()).map(IdentityController::response);
    }

    @PostMapping(path = "/api/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Renew a session: a new access token and a new refresh token for a refresh token, used once")
    @SecurityRequirements
    @ProblemResponse(status = 401, codes = "invalid_refresh_token", description = "Unknown, used, expired or revoked: sign in again.")
    @ProblemResponse(status = 429, codes = "rate_limited", description = "Too many refreshes from this address.")
    Mono<TokenResponse> refresh(@RequestBody RefreshRequest request) {
        return identity.refresh(request.refresh_token()).map(IdentityController::response);
    }

    @PostMapping(path = "/api/auth/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out: revoke a refresh token and the session it belongs to")
    @SecurityRequirements
    Mono<Void> logout(@RequestBody RefreshRequest request) {
        return identity.logout(request.refresh_token());
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get the public keys that verify Piaf's tokens",
            responses = @ApiResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Jwks.class))))
    @SecurityRequirements
    Map<String, Object> jwks() {
        return keys.publicJwks();
    }

    @PutMapping(path = "/api/me/pin", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set or change the payment PIN",
            description = "Needs the account's password, and the current PIN to change one that is set. Trivial PINs (1234, 1111, 2580…) are refused.")
    @ProblemResponse(status = 400, codes = { "invalid_pin_format", "trivial_pin", "password_required", "current_pin_required" })
    @ProblemResponse(status = 422, codes = { "invalid_pin", "invalid_password" },
            description = "The current PIN (`attemptsLeft` says how many tries remain) or the password is wrong.")
    @ProblemResponse(status = 423, codes = "pin_locked", description = "Too many wrong PINs; `lockedUntil` says until when.")
    @ProblemResponse(status = 429, codes = "rate_limited", description = "Too many PIN attempts from this address or account.")
    Mono<Void> setPin(@AuthenticationPrincipal Jwt jwt, @RequestBody PinRequest request) {
        return identity.setPin(UserId.fromSubject(jwt.getSubject()), request.pin(), request.currentPin(), request.password());
    }

    @PutMapping(path = "/api/me/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change settings: who sees your payments, whether your account is protected")
    @ProblemResponse(status = 400, codes = { "invalid_visibility", "invalid_settings" })
    Mono<Settings> settings(@AuthenticationPrincipal Jwt jwt, @RequestBody SettingsRequest request) {
        return identity.updateSettings(UserId.fromSubject(jwt.getSubject()), request.paymentVisibility(), request.protectedAccount())
                .map(u -> new Settings(u.paymentVisibility().name(), u.protectedAccount()));
    }

    private static TokenResponse response(IdentityService.Session session) {
        return new TokenResponse(session.access().value(), "Bearer", session.access().expiresInSeconds(), session.refresh().token());
    }
}
