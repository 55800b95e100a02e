package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.budgets.FlattrsPaid;
import io.piaf.budgets.internal.domain.Months;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Payments;
import io.piaf.payments.TransferResult;
import io.piaf.payments.WalletId;
import io.piaf.outbox.Outbox;
import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closes budget months once they are over and funds the new month of every active budget. Each batch is one
 * transaction that locks its rows FOR UPDATE SKIP LOCKED (a second worker or instance takes other rows), records the
 * outcome, appends the events and posts the ledger transfers; a crash rolls the batch back whole and the next pass takes
 * it again. The ledger posts a month's transfer at most once, and a payout's primary key is its month and creator.
 */
@Component
public class MonthClose extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(MonthClose.class);

    private final BudgetStore store;
    private final Ledger ledger;
    private final Payments payments;
    private final Outbox outbox;
    private final BudgetsProperties properties;
    private final TransactionalOperator transactional;

    MonthClose(BudgetStore store, Ledger ledger, Payments payments, Outbox outbox, BudgetsProperties properties,
            ReactiveTransactionManager transactions) {
        this.store = store;
        this.ledger = ledger;
        this.payments = payments;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** One pass as of {@code now}: close every month before now's, then fund now's month. */
    public Mono<Long> run(Instant now) {
        var month = Months.of(now, properties.zone());
        return closeBefore(month).flatMap(closed -> fund(month).thenReturn(closed));
    }

    /**
     * Closes every open month before {@code month}, batch by batch, then tells the creators of each month now wholly
     * closed what it paid them; how many budget months were closed.
     */
    public Mono<Long> closeBefore(YearMonth month) {
        // the fee account opened once, committed, before the batches: opening it inside each batch's transaction waited
        // for the other batch's commit (an insert that meets a row being updated waits for its updater)
        return ledger.openSystemAccount("BUDGET_FEES").flatMap(fees -> Flux.range(0, properties.closeWorkers())
                        .flatMap(worker -> closeBatch(month, fees).expand(n -> n > 0 ? closeBatch(month, fees) : Mono.empty()).reduce(0L, Long::sum))
                        .reduce(0L, Long::sum))
                .flatMap(closed -> settle(month).thenReturn(closed));
    }

    /**
     * One batch in one transaction. The ledger transfers go last: posting them locks every creator's wallet the batch
     * pays, and a wallet locked only from that statement to the commit leaves the batch's reads, split and writes free
     * to run beside another batch's (and a payment to a creator waits less).
     */
    Mono<Long> closeBatch(YearMonth before, AccountId fees) {
        var closing = new MonthClosing();
        return transactional.transactional(store.lockDue(Months.key(before), properties.closeBatch()).collectList().flatMap(months -> {
            if (months.isEmpty()) {
                return Mono.just(0L);
            }
            var users = months.stream().map(m -> m.user().value()).toList();
            return store.flattrs(users, months.stream().map(MonthRow::month).toList())
                    .collectList()
                    .flatMap(flattrs -> Mono.zip(wallets(flattrs), store.budgets(users).collectMap(b -> b.user().value()))
                            .flatMap(t -> {
                                var plan = closing.plan(months, flattrs, t.getT1(), fees, t.getT2(), BudgetService.now());
                                return store.close(plan.closed(), plan.payouts(), plan.at())
                                        .then(outbox.appendAll(plan.events()))
                                        .then(ledger.postAll(plan.transfers()))
                                        .flatMap(results -> {
                                            for (var i = 0; i < results.size(); i++) {
                                                if (!(results.get(i) instanceof TransferResult.Posted || results.get(i) instanceof TransferResult.AlreadyPosted)) {
                                                    return Mono.error(new IllegalStateException("Closing " + plan.closed().get(i) + ": " + results.get(i)));
                                                }
                                            }
                                            return Mono.just((long) months.size());
                                        });
                            }));
        }));
    }

    /**
     * One {@link FlattrsPaid} per creator paid, for each month before {@code before} whose budgets have all closed and
     * whose creators were not told yet: once per month (the settlement row, locked and marked in the same transaction).
     * A month with budgets still open (another instance closing its last batch) waits for the next pass.
     */
    Mono<Void> settle(YearMonth before) {
        return transactional.transactional(store.lockUnsettled(Months.key(before)).concatMap(month -> store.hasOpenBudgets(month)
                .flatMap(open -> open ? Mono.<Void>empty() : store.creatorTotals(month).collectList().flatMap(totals -> {
                    var at = BudgetService.now();
                    var ym = YearMonth.from(month).toString();
                    var events = totals.stream().<Object>map(t -> new FlattrsPaid(new UserId(t.creator()), ym, Money.eur(t.amount()),
                            t.payers(), t.flattrs(), at)).toList();
                    return outbox.appendAll(events).then(store.settled(month, totals.size(), at));
                }))).then());
    }

    /** Funds {@code month} for every active budget that has no money for it yet, batch by batch. */
    public Mono<Long> fund(YearMonth month) {
        return fundBatch(month).expand(n -> n > 0 ? fundBatch(month) : Mono.empty()).reduce(0L, Long::sum);
    }

    Mono<Long> fundBatch(YearMonth month) {
        var key = Months.key(month);
        return transactional.transactional(store.lockUnfunded(key, properties.closeBatch()).collectList().flatMap(budgets -> {
            if (budgets.isEmpty()) {
                return Mono.just(0L);
            }
            var transfers = budgets.stream().map(b -> Funding.transfer(b, b.monthly(), month)).toList();
            return ledger.postAll(transfers).flatMap(results -> {
                var funded = new ArrayList<BudgetRow>();
                var refused = new ArrayList<UUID>();
                for (var i = 0; i < results.size(); i++) {
                    switch (results.get(i)) {
                        case TransferResult.Posted posted -> funded.add(budgets.get(i));
                        case TransferResult.AlreadyPosted already -> funded.add(budgets.get(i));
                        case TransferResult.InsufficientFunds poor -> refused.add(budgets.get(i).user().value());
                        case TransferResult.UnknownAccount unknown ->
                            throw new IllegalStateException("Funding " + budgets.get(i).user() + ": unknown account");
                    }
                }
                return store.insertMonths(funded, key, properties.feeBasisPoints(), BudgetService.now())
                        .then(store.unfunded(refused, key))
                        .thenReturn((long) budgets.size());
            });
        }));
    }

    /** The creators' wallets, in one query (payments opens the missing ones, together, in this batch's transaction). */
    private Mono<Map<UUID, WalletId>> wallets(List<FlattrRow> flattrs) {
        var creators = flattrs.stream().map(f -> new UserId(f.creator())).distinct().toList();
        return payments.wallets(creators).map(found -> {
            var byCreator = new HashMap<UUID, WalletId>();
            found.forEach((user, wallet) -> byCreator.put(user.value(), wallet));
            return byCreator;
        });
    }

    @Override
    protected Flux<Void> work() {
        return Flux.interval(properties.closeInterval())
                .onBackpressureDrop()
                .concatMap(tick -> run(Instant.now()).onErrorResume(e -> {
                    log.warn("Budget month close failed, the next pass resumes it: {}", e.toString());
                    return Mono.empty();
                }).then(), 1);
    }
}
