package io.piaf.web.internal;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Every HTML response carries the Content-Security-Policy, whoever wrote it: the app's shell on a client route, the
 * same {@code /index.html} served as a static file, Swagger UI's pages. Decided when the response commits, from its
 * content type, so that no HTML path can be forgotten. Swagger UI sets inline styles: its pages allow those.
 */
@Component
class ContentSecurityPolicy implements WebFilter, Ordered {

    static final String SWAGGER_UI = WebAppRoutes.CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            var type = response.getHeaders().getContentType();
            if (type != null && MediaType.TEXT_HTML.isCompatibleWith(type) && !response.getHeaders().containsHeader("Content-Security-Policy")) {
                var path = exchange.getRequest().getPath().value();
                response.getHeaders().set("Content-Security-Policy",
                        path.startsWith("/swagger-ui") ? SWAGGER_UI : WebAppRoutes.CONTENT_SECURITY_POLICY);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
