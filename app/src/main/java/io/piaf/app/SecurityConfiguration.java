package io.piaf.app;

import java.net.InetSocketAddress;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import io.piaf.common.ProblemException;

import reactor.core.publisher.Mono;

/**
 * The API is a JWT resource server (tokens from identity's {@code ReactiveJwtDecoder}); sign-up, token, refresh,
 * logout, JWKS, the web app, OpenAPI and health are open; the operational actuator endpoints answer only on loopback,
 * or only on the management port when it has its own (prod). Security
 * failures are re-thrown so that the one problem+json handler writes them like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** Where the card network sends its messages (cards' {@code NetworkController}). */
    static final String CARD_NETWORK = "/network/v1/messages";

    /**
     * The card network's endpoint: each message is authenticated by its HMAC signature, which cards checks on the raw
     * body (ADR 8), never by a token. Its own chain, matched first, runs no token, session or authorization filter:
     * on the issuer's hot path the main chain's were a tenth of the JVM's samples and decided nothing.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain cardNetworkSecurity(ServerHttpSecurity http) {
        return statelessApi(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, CARD_NETWORK))
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    /**
     * What both chains share: an API of tokens or signatures, not of browser sessions (no CSRF token, basic or form
     * login, logout page or saved request), and HSTS (one year, subdomains) on responses to HTTPS requests — behind a
     * proxy, those it forwarded as https (server.forward-headers-strategy).
     */
    private static ServerHttpSecurity statelessApi(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .headers(headers -> headers.hsts(hsts -> hsts.maxAge(java.time.Duration.ofDays(365)).includeSubdomains(true)));
    }

    @Bean
    SecurityWebFilterChain piafSecurity(ServerHttpSecurity http, Environment environment) {
        // With a management port of its own (the prod profile) the actuator is reachable only there, on a network
        // the operator controls; sharing the API's port (development), it answers loopback callers only.
        var managementPort = environment.getProperty("management.server.port", Integer.class);
        var separateManagementPort = managementPort != null
                && !managementPort.equals(environment.getProperty("server.port", Integer.class, 8080));
        ServerAuthenticationEntryPoint rethrowAuthentication = (exchange, error) -> Mono.error(error);
        ServerAccessDeniedHandler rethrowDenied = (exchange, error) -> Mono.error(error);
        return statelessApi(http)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/auth/signup", "/api/auth/token", "/api/auth/refresh", "/api/auth/logout", "/oauth2/token").permitAll()
                        // A signed content link is its own credential (unlocks checks it): it opens in a browser, no token.
                        .pathMatchers(org.springframework.http.HttpMethod.GET, "/api/unlockables/*/content", "/api/unlockables/*/content/file").permitAll()
                        // Merchant calls take a merchant token with the scope named; every other API call a user token
                        // (scope "user"), so neither kind of token calls the other's endpoints.
                        .pathMatchers(HttpMethod.POST, "/api/checkout/sessions", "/api/checkout/sessions/*/expire").hasAuthority("SCOPE_checkout:write")
                        .pathMatchers(HttpMethod.POST, "/api/checkout/sessions/*/pay").hasAuthority("SCOPE_user")
                        .pathMatchers(HttpMethod.GET, "/api/checkout/sessions/*").hasAnyAuthority("SCOPE_user", "SCOPE_payments:read")
                        .pathMatchers("/api/refunds", "/api/refunds/**").hasAuthority("SCOPE_refunds:write")
                        .pathMatchers("/api/webhook-endpoints", "/api/webhook-endpoints/**").hasAuthority("SCOPE_webhooks:write")
                        .pathMatchers("/api/payouts", "/api/payouts/**").hasAuthority("SCOPE_payouts:write")
                        .pathMatchers("/api/**").hasAuthority("SCOPE_user")
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .pathMatchers("/actuator/**").access((authentication, context) -> Mono.just(new AuthorizationDecision(
                                separateManagementPort || isLoopback(context.getExchange().getRequest().getRemoteAddress()))))
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> { })
                        .bearerTokenConverter(ignoringTokensOnSignedLinks())
                        .authenticationEntryPoint(rethrowAuthentication)
                        .accessDeniedHandler(rethrowDenied))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(rethrowAuthentication)
                        .accessDeniedHandler(rethrowDenied))
                .build();
    }

    /**
     * A signed content link (GET /api/unlockables/{id}/content and its /file) needs no token, so an Authorization header on it is
     * not read at all: a stale token in a browser tab must not turn a valid link into a 401.
     */
    private static org.springframework.security.web.server.authentication.ServerAuthenticationConverter ignoringTokensOnSignedLinks() {
        var bearer = new org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter();
        var signedLink = org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers(
                org.springframework.http.HttpMethod.GET, "/api/unlockables/*/content", "/api/unlockables/*/content/file");
        return exchange -> signedLink.matches(exchange)
                .flatMap(match -> match.isMatch() ? Mono.empty() : bearer.convert(exchange));
    }

    /**
     * The firewall refuses requests with encoded slashes, semicolons, NUL, CR/LF... in the path; by default with a bare
     * 400. Raised as a problem instead, so that it is written like every other error.
     */
    @Bean
    ServerExchangeRejectedHandler problemOnRejectedExchange() {
        return (exchange, rejected) -> Mono.error(ProblemException.badRequest("rejected_request",
                "The request was refused: its URL holds characters that are not allowed."));
    }

    private static boolean isLoopback(InetSocketAddress address) {
        return address != null && address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }
}
