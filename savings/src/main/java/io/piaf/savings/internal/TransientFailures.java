package io.piaf.savings.internal;

import java.time.Duration;
import java.util.Set;

import io.r2dbc.spi.R2dbcException;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * PostgreSQL aborts a transaction to break a deadlock (40P01) or a serialization conflict (40001); it rolled back
 * whole, so running it again is safe and the caller should not see a 500.
 */
final class TransientFailures {

    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");

    private TransientFailures() {
    }

    static RetryBackoffSpec retry() {
        return Retry.backoff(3, Duration.ofMillis(5)).filter(TransientFailures::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    static boolean isTransient(Throwable error) {
        for (var e = error; e != null; e = e.getCause()) {
            if (e instanceof R2dbcException r && RETRYABLE.contains(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
