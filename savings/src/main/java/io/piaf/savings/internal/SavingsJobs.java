package io.piaf.savings.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Looks for savings work every {@code piaf.savings.job-interval}: a finished day to accrue (and a month to credit),
 * schedules due. All state is in the database; any number of instances may run this.
 */
@Component
class SavingsJobs extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(SavingsJobs.class);

    private final InterestJob interest;
    private final ScheduleJob schedules;
    private final SavingsProperties properties;

    SavingsJobs(InterestJob interest, ScheduleJob schedules, SavingsProperties properties) {
        this.interest = interest;
        this.schedules = schedules;
        this.properties = properties;
    }

    Mono<Void> runOnce() {
        return interest.catchUp().onErrorResume(e -> warn("accruing interest", e))
                .then(schedules.runDue().onErrorResume(e -> warn("running schedules", e)))
                .then();
    }

    private static <T> Mono<T> warn(String what, Throwable e) {
        log.warn("Savings jobs: {} failed, the next round retries: {}", what, e.toString());
        return Mono.empty();
    }

    @Override
    protected Flux<Void> work() {
        if (!properties.jobsEnabled()) {
            return Flux.empty();
        }
        return Flux.interval(Duration.ofSeconds(2), properties.jobInterval())
                .onBackpressureDrop()
                .concatMap(tick -> runOnce(), 1);
    }
}
