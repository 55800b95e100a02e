package io.piaf.savings.internal;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.outbox.Outbox;
import io.piaf.payments.Money;
import io.piaf.savings.ScheduledSavingSkipped;
import io.piaf.savings.internal.MovementStore.Kind;
import io.piaf.savings.internal.VaultPostings.Outcome;
import reactor.core.publisher.Mono;

/**
 * Runs the schedules due today (or missed during downtime: once, not once per missed day), one per transaction: the
 * schedule and its vault are taken with SKIP LOCKED, so instances share the work and none waits on a user's request.
 * A wallet short of the amount moves nothing, tells the user ({@link ScheduledSavingSkipped}) and the schedule runs
 * again on its next day. The ledger reference (vault and scheduled day) keeps a run from ever paying twice.
 */
@Component
class ScheduleJob {

    private static final Logger log = LoggerFactory.getLogger(ScheduleJob.class);

    private final DatabaseClient db;
    private final VaultStore vaults;
    private final VaultPostings postings;
    private final Outbox outbox;
    private final TransactionalOperator transactional;
    private final SavingsProperties properties;
    private final Clock clock;

    ScheduleJob(DatabaseClient db, VaultStore vaults, VaultPostings postings, Outbox outbox, TransactionalOperator savingsTransactions,
            SavingsProperties properties, Clock clock) {
        this.db = db;
        this.vaults = vaults;
        this.postings = postings;
        this.outbox = outbox;
        this.transactional = savingsTransactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs every schedule due; returns how many ran (saved or skipped). */
    Mono<Long> runDue() {
        var today = properties.today(clock);
        return runOne(today).expand(ran -> ran ? runOne(today) : Mono.empty()).filter(ran -> ran).count();
    }

    /** One due schedule in its own transaction; false when none is left. */
    Mono<Boolean> runOne(LocalDate today) {
        return transactional.transactional(db.sql("""
                        select v.id from savings.schedule s join savings.vault v on v.id = s.vault_id
                        where s.next_run <= $1 and v.status = 'OPEN'
                        order by s.next_run, s.vault_id limit 1 for update of s, v skip locked""")
                        .bind(0, today).map(r -> r.get(0, java.util.UUID.class)).one()
                        .flatMap(id -> vaults.byId(new io.piaf.savings.VaultId(id)))
                        .flatMap(vault -> run(vault, today).thenReturn(true))
                        .defaultIfEmpty(false))
                .retryWhen(TransientFailures.retry());
    }

    private Mono<Void> run(VaultRow vault, LocalDate today) {
        var schedule = vault.schedule();
        var scheduledFor = schedule.nextRun();
        var next = schedule.rule().nextAfter(today);
        return postings.move(vault, Kind.SCHEDULED, schedule.rule().cents(), vault.id() + ":" + scheduledFor, today)
                .flatMap(outcome -> switch (outcome) {
                    case Outcome.Moved moved -> done(vault, scheduledFor, next, "SAVED");
                    case Outcome.AlreadyPosted posted -> done(vault, scheduledFor, next, "SAVED");
                    case Outcome.Short s -> outbox.append(new ScheduledSavingSkipped(vault.id(), vault.owner(), vault.name(),
                                    Money.eur(schedule.rule().cents()), scheduledFor, next, "insufficient_funds", clock.instant()))
                            .then(done(vault, scheduledFor, next, "SKIPPED"))
                            .doOnSuccess(v -> log.debug("Scheduled saving into {} skipped: wallet short", vault.id()));
                });
    }

    private Mono<Void> done(VaultRow vault, LocalDate ran, LocalDate next, String outcome) {
        return db.sql("update savings.schedule set last_run = $2, last_outcome = $3, next_run = $4 where vault_id = $1")
                .bind(0, vault.id().value()).bind(1, ran).bind(2, outcome).bind(3, next)
                .then();
    }
}
