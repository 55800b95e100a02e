package io.piaf.identity.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes the refresh tokens of ended sessions every hour, so that the table holds live sessions only. */
@Component
class RefreshTokenPurge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokenPurge.class);

    private final RefreshTokens tokens;
    private volatile Disposable running;

    RefreshTokenPurge(RefreshTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .concatMap(tick -> tokens.purge().onErrorResume(e -> {
                    log.warn("Refresh token purge failed, next hour retries: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        var current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
