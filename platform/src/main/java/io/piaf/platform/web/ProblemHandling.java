package io.piaf.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;

import io.piaf.common.ProblemException;
import io.piaf.platform.logging.RequestLogs;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error leaves as RFC 9457 {@code application/problem+json} with a stable {@code code}. Runs before Boot's
 * default handler so that no HTML page, stack trace or SQL text reaches a client; unexpected failures are logged
 * with a reference the client can quote.
 */
@Component
@Order(-2)
class ProblemHandling implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);
    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    record Problem(int status, String code, String detail, Map<String, Object> properties) {
        Problem(int status, String code, String detail) {
            this(status, code, detail, Map.of());
        }
    }

    private final JsonMapper json;

    ProblemHandling(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return Mono.deferContextual(request -> write(exchange, error, toProblem(error, exchange, request)));
    }

    private Mono<Void> write(ServerWebExchange exchange, Throwable error, Problem problem) {
        var response = exchange.getResponse();
        // For metrics that count outcomes by code (e.g. payment confirmations).
        exchange.getAttributes().put("io.piaf.problem.code", problem.code());
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "urn:piaf:problem:" + problem.code());
        body.put("title", title(problem.status()));
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", instance(exchange.getRequest().getPath().value()));
        body.put("code", problem.code());
        body.putAll(problem.properties());
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        response.getHeaders().setContentType(PROBLEM_JSON);
        if (problem.status() == 401) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (problem.status() == 413) {
            // The rest of the body is still on the wire: close rather than let the next request read it.
            response.getHeaders().setConnection("close");
        }
        if (problem.status() == 429 && problem.properties().get("retryAfter") instanceof Number seconds) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            response.getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        var bytes = json.writeValueAsBytes(body);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    private Problem toProblem(Throwable error, ServerWebExchange exchange, ContextView request) {
        return switch (error) {
            case ProblemException p -> new Problem(p.status(), p.code(), p.detail(), p.properties());
            case WebExchangeBindException bind -> new Problem(400, "validation_failed", "The request has invalid fields.",
                    Map.of("errors", bind.getFieldErrors().stream()
                            .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                            .toList()));
            case ServerWebInputException input when causedBy(input, DataBufferLimitException.class) ->
                    new Problem(413, "payload_too_large", "The request body is too large.");
            case ServerWebInputException input -> new Problem(400, "malformed_request",
                    "The request could not be read: " + safeReason(input));
            case MethodNotAllowedException m -> new Problem(405, "method_not_allowed",
                    "Method " + m.getHttpMethod() + " is not allowed here.", Map.of("allowed", List.copyOf(m.getSupportedMethods().stream().map(Object::toString).toList())));
            case UnsupportedMediaTypeStatusException m -> new Problem(415, "unsupported_media_type",
                    "Content type " + m.getContentType() + " is not supported; send application/json.");
            case NotAcceptableStatusException m -> new Problem(406, "not_acceptable",
                    "None of the accepted media types can be produced.");
            case ResponseStatusException r when r.getStatusCode().value() == 413 ->
                    new Problem(413, "payload_too_large", "The request body is too large.");
            case ResponseStatusException r when r.getStatusCode().value() == 404 ->
                    new Problem(404, "not_found", "No resource at " + exchange.getRequest().getPath().value() + ".");
            case ResponseStatusException r when r.getStatusCode().is4xxClientError() ->
                    new Problem(r.getStatusCode().value(), "http_" + r.getStatusCode().value(), title(r.getStatusCode().value()) + ".");
            case AuthenticationException a -> new Problem(401, "unauthenticated",
                    "A valid bearer token is required.");
            case AccessDeniedException a -> new Problem(403, "forbidden", "You may not do this.");
            default -> unexpected(error, exchange, request);
        };
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String safeReason(ServerWebInputException input) {
        var reason = input.getReason();
        if (reason == null || reason.length() > 200) {
            return "malformed body or parameter.";
        }
        return reason;
    }

    /** Logged with the request's trace id ({@link RequestLogs}): the line a client's quoted reference finds. */
    private static Problem unexpected(Throwable error, ServerWebExchange exchange, ContextView request) {
        var reference = UUID.randomUUID().toString();
        RequestLogs.traced(request, () -> log.error("Unexpected error {} on {} {}", reference, exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), error));
        return new Problem(500, "internal_error",
                "Something went wrong on our side. Quote reference " + reference + " if you contact us.",
                Map.of("reference", reference));
    }

    private static String title(int status) {
        var resolved = HttpStatus.resolve(status);
        return resolved != null ? resolved.getReasonPhrase() : "Error";
    }

    /**
     * The request's path, cut at {@value #INSTANCE_MAX} characters: a hostile path (up to the 4 KB request line) is not
     * worth echoing whole, and the description promises clients a bounded member.
     */
    private static String instance(String path) {
        return path.length() <= INSTANCE_MAX ? path : path.substring(0, INSTANCE_MAX);
    }

    private static final int INSTANCE_MAX = 2048;
}
