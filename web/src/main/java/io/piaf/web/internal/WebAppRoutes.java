package io.piaf.web.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the single-page app: its shell ({@code index.html}) for every client-side route a browser navigates to, so
 * that a reload or a shared link such as {@code /u/bob} works, and its content-hashed files with a long cache.
 * Everything else (the API, actuator, OpenAPI, JWKS) is left to the server.
 */
@Configuration(proxyBeanMethods = false)
class WebAppRoutes implements WebFluxConfigurer {

    /** Server paths: a browser navigating there gets the server's answer, never the app's shell. */
    static final List<String> SERVER_PREFIXES = List.of("/api", "/actuator", "/v3", "/swagger-ui", "/.well-known",
            "/webjars", "/oauth2", "/assets");

    /**
     * The shell loads only its own scripts and styles and talks only to its own origin: an injected script tag or a
     * framing page gets nothing.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> webAppShell(@Value("classpath:/static/index.html") Resource shell) {
        RequestPredicate navigation = request -> request.method().name().equals("GET") && wantsHtml(request)
                && isClientRoute(request.path());
        return RouterFunctions.route(navigation, request -> shell.exists()
                ? ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        // The shell names the current hashed bundles: always revalidate it.
                        .cacheControl(CacheControl.noCache())
                        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .bodyValue(shell)
                : ServerResponse.notFound().build());
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // Vite names these files after their content: a new build gets new names, so they never go stale.
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    /** A browser navigation asks for text/html by name; fetches, images and scripts do not. */
    static boolean wantsHtml(ServerRequest request) {
        return request.headers().accept().stream()
                .anyMatch(type -> "text".equals(type.getType()) && "html".equals(type.getSubtype()));
    }

    /** Client routes are app paths such as {@code /u/bob}; a path whose last segment has a dot is a file. */
    static boolean isClientRoute(String path) {
        for (var prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        var lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }
}
