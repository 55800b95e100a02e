package io.piaf.platform.logging;

import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Log lines written on a request's behalf, with its trace id. Reactor restores thread locals — the tracing context,
 * and with it the MDC that puts trace and span ids on log lines — only where code asks (context propagation
 * {@code limited}): {@code auto} restored them around every operator of every request, a fifth of the card issuer's
 * CPU (ADR 8). A request's path logs through {@link #traced}, which asks; background work has no request to trace.
 */
public final class RequestLogs {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private RequestLogs() {
    }

    /** Runs {@code lines} (log statements) with the subscriber's thread locals restored, then completes empty. */
    public static Mono<Void> traced(Runnable lines) {
        return Mono.deferContextual(request -> {
            traced(request, lines);
            return Mono.empty();
        });
    }

    /** Runs {@code lines} with the thread locals of {@code request}, a Reactor context at hand, restored. */
    public static void traced(ContextView request, Runnable lines) {
        try (var restored = SNAPSHOTS.setThreadLocalsFrom(request)) {
            lines.run();
        }
    }
}
