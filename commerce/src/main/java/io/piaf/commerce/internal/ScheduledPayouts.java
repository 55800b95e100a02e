package io.piaf.commerce.internal;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pays out the balance of every merchant whose schedule is due, one merchant per transaction, like savings' schedules
 * and budgets' month close: the schedule row is taken FOR UPDATE SKIP LOCKED (two instances share the work, neither
 * pays a run twice), and the ledger transfer, the payout row, its event and the schedule's next run commit together —
 * a crash rolls the run back whole and the next pass takes it again. The payout's id derives from the merchant and
 * the day it ran for, and the ledger posts a kind and reference once: even a run replayed pays once. Days missed while
 * down are paid by one run.
 */
@Component
class ScheduledPayouts extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPayouts.class);

    private final PayoutSchedules schedules;
    private final PayoutService payouts;
    private final CommerceProperties properties;
    private final TransactionalOperator transactional;

    ScheduledPayouts(PayoutSchedules schedules, PayoutService payouts, CommerceProperties properties, ReactiveTransactionManager transactions) {
        this.schedules = schedules;
        this.payouts = payouts;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** Runs every schedule due on or before {@code today}; how many ran (paid out or found nothing to pay). */
    Mono<Long> runDue(LocalDate today) {
        return runOne(today).expand(ran -> ran ? runOne(today) : Mono.empty()).filter(ran -> ran).count();
    }

    /** One due schedule in its own transaction; false when none is left (or the others are being run elsewhere). */
    Mono<Boolean> runOne(LocalDate today) {
        return transactional.transactional(schedules.lockDue(today)
                .flatMap(due -> payouts.payOutScheduled(due.merchant(), due.nextRun())
                        .doOnNext(p -> log.debug("Scheduled payout {} of {} cents for merchant {}", p.id(), p.amount(), due.merchant()))
                        .then(schedules.ran(due.merchant(), due.nextRun(), due.schedule().nextAfter(today)))
                        .thenReturn(true))
                .defaultIfEmpty(false));
    }

    @Override
    protected Flux<?> work() {
        return Flux.interval(properties.payoutSweep())
                .onBackpressureDrop()
                .concatMap(tick -> runDue(LocalDate.now(properties.payoutZone())).onErrorResume(e -> {
                    log.warn("Scheduled payouts failed, the next pass resumes them: {}", e.toString());
                    return Mono.empty();
                }), 1);
    }
}
