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
import reactor.core.publisher.Mono;

/**
 * {@code POST /oauth2/token}: the OAuth 2.0 client credentials grant (RFC 6749 §4.4) for merchants and other
 * clients. Its answers follow RFC 6749 to the letter — errors are {@code {"error","error_description"}} in
 * {@code application/json} (§5.2), not problem+json — because OAuth client libraries read them; both kinds of answer
 * say {@code Cache-Control: no-store}.
 */
@RestController
class ClientTokenController {

    private final ClientService clients;

    ClientTokenController(ClientService clients) {
        this.clients = clients;
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
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
