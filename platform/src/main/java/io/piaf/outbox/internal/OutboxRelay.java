package io.piaf.outbox.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.piaf.platform.background.BackgroundWork;
import io.piaf.platform.background.PostgresChannels;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers due deliveries. Woken by an in-process hand-off after a local commit, by PostgreSQL NOTIFY after a commit
 * on any instance, and by a slow poll as the safety net (a lost notification, a retry coming due, a lease that
 * left behind by a crash and rolled back). Drains run one at a time; wake-ups that arrive meanwhile fold into one more drain.
 */
@Component
class OutboxRelay extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DeliveryDispatcher dispatcher;
    private final OutboxWakeups wakeups;
    private final PostgresChannels channels;
    private final OutboxProperties properties;

    OutboxRelay(DeliveryDispatcher dispatcher, OutboxWakeups wakeups, PostgresChannels channels, OutboxProperties properties) {
        this.dispatcher = dispatcher;
        this.wakeups = wakeups;
        this.channels = channels;
        this.properties = properties;
    }

    @Override
    protected Flux<Void> work() {
        if (!properties.relayEnabled()) {
            log.info("Outbox relay disabled on this instance (piaf.outbox.relay-enabled=false)");
            return Flux.empty();
        }
        // NOTIFY from this instance's own commits is left out: the in-process hand-off already woke it.
        var notifications = channels.listen(OutboxStore.CHANNEL).filter(payload -> !wakeups.instanceId.equals(payload));
        var ticks = Flux.merge(
                Flux.interval(Duration.ZERO, properties.pollInterval()).doOnNext(i -> wakeups.kickAll()),
                notifications.doOnNext(i -> wakeups.kickAll()),
                wakeups.asFlux());
        return ticks.onBackpressureLatest()
                .concatMap(tick -> drain().onErrorResume(e -> {
                    log.warn("Outbox drain failed, next wake-up retries: {}", e.toString());
                    return Mono.empty();
                }), 1);
    }

    /** Drains what the wake-ups asked for, until batches come back short: everything due now has been attempted. */
    Mono<Void> drain() {
        var work = wakeups.takeWork();
        var delivered = work.everything() ? dispatcher.deliverDue() : dispatcher.deliverDue(Flux.fromIterable(work.listeners()));
        return delivered.flatMap(size -> {
            if (size >= properties.batchSize()) {
                wakeups.kickAll();
                return drain();
            }
            return Mono.empty();
        });
    }

    @Override
    public int getPhase() {
        // Start last, stop first: listeners and the database are still there while deliveries finish.
        return Integer.MAX_VALUE - 100;
    }
}
