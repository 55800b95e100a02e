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
 * Delivers due deliveries, one drain loop per module: a module's listeners run one after the other (they may write the
 * same rows), modules side by side, and a module with work never waits for another module's batch. Woken by an
 * in-process hand-off after a local commit, by PostgreSQL NOTIFY after a commit on any instance, and by a slow poll as
 * the safety net (a lost notification, a retry coming due, a delivery rolled back by a crash). A module's drains run one
 * at a time; wake-ups that arrive meanwhile fold into one more drain.
 */
@Component
class OutboxRelay extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DeliveryDispatcher dispatcher;
    private final ListenerRegistry registry;
    private final OutboxWakeups wakeups;
    private final PostgresChannels channels;
    private final OutboxProperties properties;
    // When a drain of any module last started: a relay whose last progress is old is stuck (the poll starts a drain
    // of every module every poll interval).
    private volatile java.time.Instant lastProgress;

    OutboxRelay(DeliveryDispatcher dispatcher, ListenerRegistry registry, OutboxWakeups wakeups, PostgresChannels channels,
            OutboxProperties properties) {
        this.dispatcher = dispatcher;
        this.registry = registry;
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
        // NOTIFY from this instance's own commits is left out: the in-process hand-off already woke it. Another
        // instance's names the listeners it gave deliveries to: those of them this instance runs are woken.
        var known = java.util.Set.of(registry.allIds());
        var notifications = channels.listen(OutboxStore.CHANNEL).map(OutboxStore.WakeUp::parse)
                .filter(wakeUp -> !wakeups.instanceId.equals(wakeUp.instanceId()))
                .doOnNext(wakeUp -> {
                    if (wakeUp.fullLook()) {
                        wakeups.kickAll();
                    } else {
                        wakeups.kick(wakeUp.listeners().stream().filter(known::contains).collect(java.util.stream.Collectors.toSet()));
                    }
                });
        var polls = Flux.interval(Duration.ZERO, properties.pollInterval()).doOnNext(tick -> wakeups.kickAll());
        var kicks = Flux.merge(polls, notifications).then(Mono.<Void>empty());
        var drains = Flux.fromIterable(registry.modules()).flatMap(module -> wakeups.asFlux(module)
                .onBackpressureLatest()
                .concatMap(tick -> drain(module).onErrorResume(e -> {
                    log.warn("Outbox drain of {} failed, next wake-up retries: {}", module, e.toString());
                    return Mono.empty();
                }), 1), Integer.MAX_VALUE);
        return Flux.merge(drains, kicks);
    }

    /** Drains what a module's wake-ups asked for, until batches come back short: everything due has been attempted. */
    Mono<Void> drain(String module) {
        lastProgress = java.time.Instant.now();
        var work = wakeups.takeWork(module);
        var listeners = work.everything() ? dispatcher.dueListeners(module) : Flux.fromIterable(work.listeners());
        return dispatcher.deliverDue(listeners).flatMap(size -> {
            if (size >= properties.batchSize()) {
                wakeups.kickAll(module);
            }
            return Mono.<Void>empty();
        });
    }

    /** When a drain last started or delivered a batch; null before the first drain. */
    java.time.Instant lastProgress() {
        return lastProgress;
    }

    boolean enabled() {
        return properties.relayEnabled();
    }

    @Override
    public int getPhase() {
        // Start last, stop first: listeners and the database are still there while deliveries finish.
        return Integer.MAX_VALUE - 100;
    }
}
