package io.piaf.app;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI description served at {@code /v3/api-docs}: what is true of every operation (the server, the bearer
 * token, the problem+json errors) is said here once; each controller says what its operations do, with swagger's
 * {@code @Operation}/{@code @Tag}/{@code @Schema} and Piaf's {@code @ProblemResponse}. docs/openapi.json is its
 * snapshot, checked by OpenApiDescriptionTests; how to document a new endpoint: docs/api.md.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    /** Merchants' calls name it with the scope they need (@SecurityRequirement(name = "merchant", scopes = ...)). */
    static final String MERCHANT = "merchant";

    @Bean
    OpenAPI piafOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Piaf API").version("v1")
                        .description("""
                                Piaf's public HTTP API: a micro-blogging network where money moves as easily as a post. \
                                The contract in words, with the rules behind each call, is docs/api.md. Money is a \
                                decimal string with its currency ({"amount":"12.50","currency":"EUR"}); errors are \
                                RFC 9457 application/problem+json with a stable `code`; lists are cursor-paginated.""")
                        .contact(new Contact().name("Piaf")))
                .servers(List.of(new Server().url("/")
                        .description("This Piaf, at the origin that serves this document: local development with "
                                + "./piaf run, production behind a TLS-terminating proxy")
                        .extensions(Map.of("x-internal", false))))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("""
                                An access token from POST /api/auth/token: a JWS signed with RS256 by Piaf's keys \
                                (/.well-known/jwks.json). Piaf follows RFC8725: it accepts RS256 only (never `none` \
                                or a symmetric algorithm), verifies the signature with its own keys, checks the issuer \
                                and the expiry, and issues short-lived tokens (expires_in). A user's token (scope \
                                user) is refused with 403 on merchants' calls."""))
                        .addSecuritySchemes(MERCHANT, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                                .description("""
                                        A merchant's token: the OAuth 2.0 client credentials grant at POST /oauth2/token, with \
                                        the client id and secret of POST /api/merchants. The same kind of JWS as users' tokens, \
                                        valid 15 minutes, carrying the scopes asked, under the same RFC8725 rules (RS256 only, \
                                        Piaf's keys, issuer and expiry checked); refused with 403 on users' calls.""")
                                .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token").scopes(new Scopes()
                                        .addString("checkout:write", "Create and expire checkout sessions")
                                        .addString("payments:read", "Read the merchant's checkout sessions")
                                        .addString("refunds:write", "Refund paid sessions")
                                        .addString("webhooks:write", "Manage webhook endpoints and read their deliveries")
                                        .addString("payouts:write", "Pay out the merchant's balance and read its payouts"))))))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .tags(List.of(
                        new Tag().name("Identity").description("Accounts, tokens, the payment PIN and settings"),
                        new Tag().name("Follows").description("Profiles, follows, and follow requests to protected accounts"),
                        new Tag().name("Posts").description("Posts, the home timeline and profile pages"),
                        new Tag().name("Messages").description("Direct messages"),
                        new Tag().name("Notifications").description("The notification inbox and its live stream"),
                        new Tag().name("Wallet").description("Balance, limits, statement, top-ups, charities"),
                        new Tag().name("Payments").description("Paying people: ask, confirm with the PIN, cancel, look up"),
                        new Tag().name("Crypto").description("A custodial EVM account: buy and sell the EURP euro stablecoin, send it"),
                        new Tag().name("Merchants").description("Merchant accounts and their OAuth 2.0 client credentials"),
                        new Tag().name("Checkout").description("Checkout sessions paid from a Piaf wallet, and refunds"),
                        new Tag().name("Webhooks").description("Merchants' webhook endpoints, signed deliveries and their log"),
                        new Tag().name("Cards").description("Debit cards on your wallet: issue, reveal with the PIN, freeze, limits, purchases"),
                        new Tag().name("Card network").description("For the card network only: signed messages, answered in real time"),
                        new Tag().name("Savings").description("Vaults: goals, daily interest credited monthly, round-ups, scheduled saving, statements"),
                        new Tag().name("Pots").description("Money pots: open one, contribute with your PIN, withdraw, close"),
                        new Tag().name("Campaigns").description("All-or-nothing crowdfunding: launch, pledge with your PIN, follow progress live"),
                        new Tag().name("Budgets").description("A monthly creator budget: flattr posts, the month's split paid to their creators, earnings"),
                        new Tag().name("Requests").description("Ask friends for money or split a bill: they pay with one PIN or decline"),
                        new Tag().name("Unlocks").description("Pay with a Post: content unlocked by publishing a recommendation, the creator's reach and viral chain")));
    }

    @Bean
    OperationCustomizer commonParameters() {
        return new OpenApiParameters();
    }

    @Bean
    OperationCustomizer problemResponses() {
        return new OpenApiProblems();
    }

    @Bean
    OpenApiCustomizer conventions() {
        return new OpenApiConventions();
    }
}
