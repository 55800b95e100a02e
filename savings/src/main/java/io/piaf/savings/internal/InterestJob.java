package io.piaf.savings.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import io.piaf.outbox.Outbox;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.savings.InterestCredited;
import io.piaf.savings.VaultGoalReached;
import io.piaf.savings.internal.domain.Interest;
import io.piaf.savings.internal.domain.RateHistory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The daily interest job: accrues every finished day not accrued yet (catching up after downtime), and credits each
 * month once its last day is accrued. Work goes in chunks of vaults (ranges of {@code seq}), one short transaction
 * each, taken with a transaction-level advisory lock so that several instances share the chunks; the vault rows'
 * own {@code accrued_through}/{@code paid_through} make every step idempotent, so a crash mid-run, a second run or a
 * second instance never counts a day twice. A day is recorded as complete once a pass found no chunk held elsewhere.
 */
@Component
class InterestJob {

    private static final Logger log = LoggerFactory.getLogger(InterestJob.class);
    /** Advisory lock keys (class, chunk): one space for accrual chunks, one for credit chunks. */
    static final int ACCRUAL_LOCK = 0x5a_0001;
    static final int CREDIT_LOCK = 0x5a_0002;

    private final AccrualStore store;
    private final RateStore rates;
    private final Ledger ledger;
    private final InterestAccount account;
    private final Outbox outbox;
    private final TransactionalOperator readCommitted;
    private final TransactionalOperator repeatableRead;
    private final SavingsProperties properties;
    private final Clock clock;

    InterestJob(AccrualStore store, RateStore rates, Ledger ledger, InterestAccount account, Outbox outbox,
            ReactiveTransactionManager transactions, SavingsProperties properties, Clock clock) {
        this.store = store;
        this.rates = rates;
        this.ledger = ledger;
        this.account = account;
        this.outbox = outbox;
        this.readCommitted = TransactionalOperator.create(transactions);
        var snapshot = new DefaultTransactionDefinition();
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.repeatableRead = TransactionalOperator.create(transactions, snapshot);
        this.properties = properties;
        this.clock = clock;
    }

    /** Accrues (and credits) every finished day up to yesterday; returns the days it completed. */
    Mono<Long> catchUp() {
        var yesterday = properties.today(clock).minusDays(1);
        var started = new AtomicLong();
        return store.lastCompletedDay()
                .doOnSubscribe(s -> started.set(System.nanoTime()))
                .filter(last -> !last.isBefore(yesterday))
                .map(last -> 0L)
                .switchIfEmpty(Mono.defer(() -> store.earliestAccrued()
                        .map(earliest -> earliest.plusDays(1))
                        .defaultIfEmpty(yesterday)
                        .zipWith(rates.history())
                        .flatMap(t -> Flux.fromStream(t.getT1().datesUntil(yesterday.plusDays(1)))
                                .concatMap(day -> day(day, t.getT2()).thenReturn(day))
                                .count()
                                .doOnNext(days -> log.info("Savings interest: caught up through {}, {} days in {} ms", yesterday, days,
                                        (System.nanoTime() - started.get()) / 1_000_000)))));
    }

    /** One day: last month credited if it is the 1st, the day accrued, its month credited if it is the last. */
    Mono<Void> day(LocalDate day, RateHistory history) {
        var creditBefore = day.getDayOfMonth() == 1 ? credit(day.minusDays(1)) : Mono.<Void>empty();
        var creditAfter = Interest.isMonthEnd(day) ? credit(day) : Mono.<Void>empty();
        return creditBefore.then(accrue(day, history.on(day).ppm())).then(creditAfter).then(store.completed(day));
    }

    /** Accrues {@code day} for every vault due, pass after pass until no chunk was held by another instance. */
    Mono<Void> accrue(LocalDate day, int ratePpm) {
        var started = System.nanoTime();
        var longest = new AtomicLong();
        var vaults = new AtomicLong();
        return passes(properties.accrualChunk(), chunk -> {
            var from = chunk * properties.accrualChunk() + 1;
            var to = from + properties.accrualChunk() - 1;
            return timed(accrueChunk(day, ratePpm, from, to, chunk), longest)
                    .doOnNext(n -> vaults.addAndGet(Math.max(n, 0)));
        }).doOnSuccess(v -> log.info("Savings interest: {} accrued for {} vaults in {} ms (longest chunk transaction {} ms)",
                day, vaults.get(), (System.nanoTime() - started) / 1_000_000, longest.get() / 1_000_000));
    }

    /**
     * One chunk's accrual in its own transaction; the number of vaults accrued, or -1 when another instance holds
     * the chunk. Package-private: tests stop a run half-way with it.
     */
    Mono<Long> accrueChunk(LocalDate day, int ratePpm, long fromSeq, long toSeq, long chunk) {
        return repeatableRead.transactional(store.tryLock(ACCRUAL_LOCK, chunk)
                        .flatMap(locked -> locked ? store.accrue(day, ratePpm, fromSeq, toSeq) : Mono.just(-1L)))
                .retryWhen(TransientFailures.retry());
    }

    /** Credits the month ending {@code monthEnd} to every vault accrued through it and not credited for it yet. */
    Mono<Void> credit(LocalDate monthEnd) {
        var longest = new AtomicLong();
        return passes(properties.creditChunk(), chunk -> {
            var from = chunk * properties.creditChunk() + 1;
            var to = from + properties.creditChunk() - 1;
            return timed(readCommitted.transactional(store.tryLock(CREDIT_LOCK, chunk)
                    .flatMap(locked -> locked ? creditChunk(monthEnd, from, to) : Mono.just(-1L)))
                    .retryWhen(TransientFailures.retry()), longest);
        });
    }

    private Mono<Long> creditChunk(LocalDate monthEnd, long fromSeq, long toSeq) {
        return store.lockDue(monthEnd, fromSeq, toSeq).collectList().flatMap(due -> {
            if (due.isEmpty()) {
                return Mono.just(0L);
            }
            var cents = new long[due.size()];
            var balances = new long[due.size()];
            var reached = new boolean[due.size()];
            var legs = new ArrayList<Transfer.Leg>();
            long total = 0;
            for (var i = 0; i < due.size(); i++) {
                cents[i] = Interest.wholeCents(due.get(i).units());
                balances[i] = due.get(i).balance();
                if (cents[i] > 0) {
                    legs.add(new Transfer.Leg(due.get(i).id().account(), Money.eur(cents[i]), "Interest " + YearMonth.from(monthEnd)));
                    total += cents[i];
                }
            }
            if (total == 0) {
                return store.paid(monthEnd, due, cents, balances, reached, clock.instant()).thenReturn((long) due.size());
            }
            var month = YearMonth.from(monthEnd);
            var sum = total;
            var valueDay = monthEnd.plusDays(1);
            return account.id().flatMap(expense -> {
                legs.addFirst(new Transfer.Leg(expense, Money.eur(-sum), "Savings interest " + month));
                var transfer = new Transfer(TransferId.random(), "SAVINGS_INTEREST", month + ":" + fromSeq + "-" + toSeq, legs);
                return ledger.post(transfer);
            }).flatMap(result -> {
                if (!(result instanceof TransferResult.Posted posted)) {
                    return Mono.error(new IllegalStateException("Interest for " + month + " not posted: " + result));
                }
                var credited = new ArrayList<io.piaf.savings.VaultId>();
                var creditedCents = new ArrayList<Long>();
                var creditedBalances = new ArrayList<Long>();
                var events = new ArrayList<Object>();
                for (var i = 0; i < due.size(); i++) {
                    if (cents[i] == 0) {
                        continue;
                    }
                    var d = due.get(i);
                    balances[i] = VaultPostings.balanceOf(posted, d.id().account());
                    reached[i] = d.goal() != null && d.goalReachedAt() == null && balances[i] >= d.goal();
                    credited.add(d.id());
                    creditedCents.add(cents[i]);
                    creditedBalances.add(balances[i]);
                    events.add(new InterestCredited(d.id(), d.owner(), d.name(), month, Money.eur(cents[i]), Money.eur(balances[i]), posted.at()));
                    if (reached[i]) {
                        events.add(new VaultGoalReached(d.id(), d.owner(), d.name(), Money.eur(d.goal()), Money.eur(balances[i]), posted.at()));
                    }
                }
                return store.paid(monthEnd, due, cents, balances, reached, posted.at())
                        .then(store.interestMovements(posted.id().value(), credited, creditedCents, creditedBalances, valueDay, posted.at()))
                        .then(outbox.appendAll(events))
                        .thenReturn((long) due.size());
            });
        });
    }

    /**
     * Runs {@code chunk} over every chunk of the vault table, again after a pause while some chunk was held by
     * another instance (-1), until a pass took every chunk.
     */
    private Mono<Void> passes(int chunkSize, java.util.function.LongFunction<Mono<Long>> chunk) {
        return store.maxSeq().flatMap(max -> Flux.range(0, (int) (max / chunkSize) + 1)
                        .concatMap(i -> chunk.apply(i))
                        .filter(n -> n < 0).count())
                .flatMap(held -> held == 0 ? Mono.<Void>empty()
                        : Mono.delay(Duration.ofMillis(200)).then(passes(chunkSize, chunk)));
    }

    private static Mono<Long> timed(Mono<Long> transaction, AtomicLong longest) {
        return Mono.defer(() -> {
            var start = System.nanoTime();
            return transaction.doOnSuccess(n -> longest.accumulateAndGet(System.nanoTime() - start, Math::max));
        });
    }
}
