package io.piaf.app;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.piaf.platform.ratelimit.RateLimits;
import reactor.core.publisher.Mono;

/**
 * Rate limits of the calls an attacker repeats: sign-up and sign-in (each password check runs Argon2, tens of
 * milliseconds of CPU), token refresh, PIN attempts wherever a PIN is entered, and top-ups (card testing). Keyed by
 * the client address and, once authenticated, by the account; sign-in is also limited per handle inside identity.
 * Runs after Spring Security, so the account is known. The address is the connection's, or the one a trusted proxy
 * forwarded when {@code server.forward-headers-strategy} says so (the prod profile).
 */
@Component
class Throttling implements WebFilter, Ordered {

    private record Rule(HttpMethod method, PathPattern path, String perAddress, String perAccount) {
    }

    private static final PathPatternParser PATHS = PathPatternParser.defaultInstance;
    private static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.POST, PATHS.parse("/api/auth/signup"), "sign-up-per-address", null),
            new Rule(HttpMethod.POST, PATHS.parse("/api/auth/token"), "token-per-address", null),
            new Rule(HttpMethod.POST, PATHS.parse("/api/auth/refresh"), "refresh-per-address", null),
            new Rule(HttpMethod.PUT, PATHS.parse("/api/me/pin"), "pin-per-address", "pin-per-account"),
            new Rule(HttpMethod.POST, PATHS.parse("/api/payments/{id}/confirm"), "pin-per-address", "pin-per-account"),
            new Rule(HttpMethod.POST, PATHS.parse("/api/crypto/transfers/{id}/confirm"), "pin-per-address", "pin-per-account"),
            new Rule(HttpMethod.POST, PATHS.parse("/api/wallet/top-ups"), "top-up-per-address", "top-up-per-account"));

    private final RateLimits limits;

    Throttling(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        var rule = RULES.stream()
                .filter(r -> r.method().equals(request.getMethod()) && r.path().matches(request.getPath().pathWithinApplication()))
                .findFirst();
        if (rule.isEmpty()) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(principal -> principal instanceof JwtAuthenticationToken jwt ? jwt.getName() : "")
                .defaultIfEmpty("")
                .flatMap(account -> {
                    limits.acquire(rule.get().perAddress(), address(request.getRemoteAddress()));
                    if (rule.get().perAccount() != null && !account.isEmpty()) {
                        limits.acquire(rule.get().perAccount(), account);
                    }
                    return chain.filter(exchange);
                });
    }

    private static String address(InetSocketAddress remote) {
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public int getOrder() {
        // After Spring Security's WebFilterChainProxy (-100): the principal is known, and unauthenticated calls to
        // protected paths were refused before they cost a token.
        return 0;
    }
}
