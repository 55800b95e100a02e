package io.piaf.idempotency.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes keys past their retention, a thousand at a time; safe on several instances (a delete is idempotent). */
@Component
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyHousekeeping.class);

    private final KeyStore store;
    private final IdempotencyProperties properties;
    private volatile Disposable running;

    IdempotencyHousekeeping(KeyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = Flux.interval(properties.purgeInterval())
                .onBackpressureDrop()
                .concatMap(tick -> store.purgeOlderThan(properties.retention())
                        .onErrorResume(e -> {
                            log.warn("Purging Idempotency-Keys failed, next round retries: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
