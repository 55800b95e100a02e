package io.piaf.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.piaf.identity.internal.domain.ClientGrant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * {@code POST /oauth2/token}: the OAuth 2.0 client credentials grant (RFC 6749 §4.4) for merchants and other
 * clients. Its answers follow RFC 6749 to the letter — errors are {@code {"error","error_description"}} in
 * {@code application/json} (§5.2), not problem+json — because OAuth client libraries read them; both kinds of answer
 * say {@code Cache-Control: no-store}.
 */
@RestController
@Tag(name = "Identity")
class ClientTokenController {

    private static final String SCOPES = "^[a-z:]+( [a-z:]+)*$";

    @Schema(name = "ClientCredentialsGrant", description = "RFC 6749 §4.4.2; the client authenticates with HTTP Basic or "
            + "client_id and client_secret here, one way only")
    record TokenForm(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "client_credentials") String grant_type,
            @Schema(pattern = SCOPES, maxLength = 200, description = "Space-separated; none asked: all the client holds") String scope,
            @Schema(pattern = "^cl_[a-z2-7]{26}$", maxLength = 29) String client_id,
            @Schema(pattern = "^[A-Za-z0-9_-]+$", maxLength = 100, format = "password") String client_secret) {
    }

    @Schema(name = "ClientToken", description = "RFC 6749 §5.1")
    record TokenAnswer(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", maxLength = 4096,
                    description = "A JWS (RS256) like users' tokens, with the client's scopes") String access_token,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "Bearer") String token_type,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "3600") int expires_in,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = SCOPES, maxLength = 200) String scope) {
    }

    /** Not problem+json: OAuth 2.0 client libraries read this shape (RFC 6749 §5.2). */
    @Schema(name = "OAuthError", description = "RFC 6749 §5.2 error response")
    record ErrorAnswer(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "invalid_request", "invalid_client", "unsupported_grant_type",
                    "invalid_scope" }) String error,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*$", maxLength = 200,
                    description = "For the developer, in English") String error_description) {
    }

    private final ClientService clients;

    ClientTokenController(ClientService clients) {
        this.clients = clients;
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a merchant's access token: the OAuth 2.0 client credentials grant",
            description = "Errors follow RFC 6749 §5.2 (`application/json` `{\"error\",\"error_description\"}`), not problem+json, "
                    + "because OAuth client libraries read them. Both kinds of answer say Cache-Control: no-store.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = TokenForm.class))),
            responses = {
                    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = TokenAnswer.class))),
                    @ApiResponse(responseCode = "400", description = "Bad Request: `invalid_request`, `unsupported_grant_type`, `invalid_scope`",
                            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ErrorAnswer.class))),
                    @ApiResponse(responseCode = "401", description = "Unauthorized: `invalid_client` (unknown client, wrong or revoked secret)",
                            headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE, description = "HTTP Basic, as RFC 6749 §5.2 asks",
                                    schema = @Schema(types = "string", maxLength = 100, pattern = "^Basic ")),
                            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ErrorAnswer.class))) })
    @SecurityRequirements
    Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange exchange) {
        var authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return exchange.getFormData().flatMap(form -> switch (ClientGrant.read(authorization, form)) {
            case ClientGrant.Outcome.Refused refused -> Mono.just(error(refused));
            case ClientGrant.Outcome.Asked asked -> clients.token(asked.credentials(), asked.requestedScope()).map(grant -> switch (grant) {
                case ClientService.Grant.Refused refused -> error(refused.error());
                case ClientService.Grant.Issued issued -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("access_token", issued.token().value());
                    body.put("token_type", "Bearer");
                    body.put("expires_in", issued.token().expiresInSeconds());
                    body.put("scope", String.join(" ", issued.scopes().stream().sorted().toList()));
                    yield ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
                }
            });
        });
    }

    private static ResponseEntity<Map<String, Object>> error(ClientGrant.Outcome.Refused refused) {
        var response = ResponseEntity.status(refused.status()).cacheControl(CacheControl.noStore()).header("Pragma", "no-cache");
        if (refused.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"piaf\", charset=\"UTF-8\"");
        }
        return response.contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", refused.error(), "error_description", refused.description()));
    }
}
