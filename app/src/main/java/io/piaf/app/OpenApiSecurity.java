package io.piaf.app;

import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI description's security, as {@link SecurityConfiguration} enforces it: user calls take a user's bearer
 * token; merchant calls an OAuth 2.0 client credentials token with the scope each one names.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurity {

    /** Merchant operations (path, method) and the scope each needs. */
    private static final Map<String, Map<String, String>> MERCHANT_SCOPES = Map.of(
            "/api/checkout/sessions", Map.of("post", "checkout:write"),
            "/api/checkout/sessions/{id}/expire", Map.of("post", "checkout:write"),
            "/api/checkout/sessions/{id}", Map.of("get", "payments:read"),
            "/api/refunds", Map.of("post", "refunds:write"),
            "/api/webhook-endpoints", Map.of("post", "webhooks:write", "get", "webhooks:write"),
            "/api/webhook-endpoints/{id}/deliveries", Map.of("get", "webhooks:write"));

    @Bean
    OpenApiCustomizer piafSecuritySchemes() {
        return openApi -> {
            var components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            components.addSecuritySchemes("user", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("A user's token from POST /api/auth/token (scope user)."));
            components.addSecuritySchemes("merchant", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                    .description("A merchant's token: OAuth 2.0 client credentials at POST /oauth2/token, HTTP Basic client id and secret.")
                    .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token").scopes(new Scopes()
                            .addString("checkout:write", "Create and expire checkout sessions")
                            .addString("payments:read", "Read the merchant's checkout sessions")
                            .addString("refunds:write", "Refund paid sessions")
                            .addString("webhooks:write", "Manage webhook endpoints and read their deliveries")))));
            openApi.setComponents(components);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (!path.startsWith("/api/") || path.startsWith("/api/auth/")) {
                    return;
                }
                var scope = MERCHANT_SCOPES.getOrDefault(path, Map.of()).get(method.name().toLowerCase());
                var user = new SecurityRequirement().addList("user");
                if (scope == null) {
                    operation.setSecurity(List.of(user));
                } else if (path.equals("/api/checkout/sessions/{id}")) {
                    operation.setSecurity(List.of(new SecurityRequirement().addList("merchant", scope), user));
                } else {
                    operation.setSecurity(List.of(new SecurityRequirement().addList("merchant", scope)));
                }
            }));
        };
    }
}
