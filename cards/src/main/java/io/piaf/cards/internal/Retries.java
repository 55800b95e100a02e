package io.piaf.cards.internal;

import java.time.Duration;
import java.util.Set;

import io.r2dbc.spi.R2dbcException;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;

/**
 * A transaction PostgreSQL aborted to break a deadlock (40P01) or a serialization conflict (40001) rolled back
 * whole: running it again is safe and nearly always succeeds, so the network sees an answer rather than an error.
 */
final class Retries {

    private static final Set<String> RETRYABLE = Set.of("40P01", "40001");

    private Retries() {
    }

    static RetryBackoffSpec onLockConflicts() {
        return Retry.backoff(3, Duration.ofMillis(5)).filter(Retries::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    static boolean isTransient(Throwable error) {
        return causedBy(error, r -> RETRYABLE.contains(r.getSqlState()));
    }

    /** Whether a database error matching {@code match} is {@code error} or one of its causes. */
    static boolean causedBy(Throwable error, java.util.function.Predicate<R2dbcException> match) {
        for (var e = error; e != null; e = e.getCause()) {
            if (e instanceof R2dbcException r && match.test(r)) {
                return true;
            }
        }
        return false;
    }
}
