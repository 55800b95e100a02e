package io.piaf.idempotency.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes keys past their retention, a thousand at a time; safe on several instances (a delete is idempotent). */
@Component
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyHousekeeping extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyHousekeeping.class);

    private final KeyStore store;
    private final IdempotencyProperties properties;

    IdempotencyHousekeeping(KeyStore store, IdempotencyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    protected Flux<Long> work() {
        return Flux.interval(properties.purgeInterval())
                .onBackpressureDrop()
                .concatMap(tick -> store.purgeOlderThan(properties.retention())
                        .onErrorResume(e -> {
                            log.warn("Purging Idempotency-Keys failed, next round retries: {}", e.toString());
                            return Mono.empty();
                        }), 1);
    }
}
