package io.piaf.app;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * {@code piaf.payments.confirmations{outcome}}: payment confirmations by outcome — {@code confirmed}, or the problem
 * code they were refused with ({@code invalid_pin}, {@code pin_locked}, {@code insufficient_funds}, {@code
 * rate_limited}...). Counted at the edge, where every confirmation passes, so that payments' confirmation path stays
 * as it is; payments by state are counted from their events ({@code piaf.events.published}).
 */
@Component
class ConfirmationMetrics implements WebFilter {

    private static final PathPattern CONFIRM = PathPatternParser.defaultInstance.parse("/api/payments/{id}/confirm");

    private final MeterRegistry meters;

    ConfirmationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.POST || !CONFIRM.matches(request.getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        exchange.getResponse().beforeCommit(() -> {
            var status = exchange.getResponse().getStatusCode();
            var code = (String) exchange.getAttribute("io.piaf.problem.code");
            var outcome = status != null && status.is2xxSuccessful() ? "confirmed" : code != null ? code : "http_" + status;
            meters.counter("piaf.payments.confirmations", "outcome", outcome).increment();
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
