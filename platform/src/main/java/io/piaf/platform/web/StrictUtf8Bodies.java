package io.piaf.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.piaf.common.ProblemException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * JSON request bodies must be well-formed UTF-8 (RFC 8259 §8.1): a malformed one is refused with 400
 * {@code malformed_request}, never repaired or read as something else. Checked as the bytes stream in, before any
 * parser sees them.
 */
@Component
class StrictUtf8Bodies implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !isJson(type)) {
            return chain.filter(exchange);
        }
        var request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                var validator = new Utf8Validator();
                return super.getBody()
                        .map(buffer -> {
                            var valid = true;
                            try (var iterator = buffer.readableByteBuffers()) {
                                while (valid && iterator.hasNext()) {
                                    var bytes = iterator.next();
                                    var copy = new byte[bytes.remaining()];
                                    bytes.get(copy);
                                    valid = validator.feed(copy, 0, copy.length);
                                }
                            }
                            if (!valid) {
                                DataBufferUtils.release(buffer);
                                throw malformed();
                            }
                            return buffer;
                        })
                        .concatWith(Mono.defer(() -> validator.end() ? Mono.empty() : Mono.error(malformed())));
            }
        };
        return chain.filter(exchange.mutate().request(request).build());
    }

    private static boolean isJson(MediaType type) {
        return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
    }

    private static ProblemException malformed() {
        return ProblemException.badRequest("malformed_request", "The request body is not valid UTF-8.");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
