package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

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
 * Closes budget months once they are over, pays their creators once all of a month's budgets have closed, and funds
 * the new month of every active budget. Each batch is one transaction that locks its rows FOR UPDATE SKIP LOCKED (a
 * second worker or instance takes other rows), records the outcome, appends the events and posts the ledger transfers;
 * a crash rolls the batch back whole and the next pass takes it again. The ledger posts a month's transfer at most once,
 * a payout's primary key is its month and creator, and a creator's pay its month, creator and round.
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
     * Closes every open month before {@code month}, batch by batch, then pays the creators of each month now wholly
     * closed; how many budget months were closed.
     */
    public Mono<Long> closeBefore(YearMonth month) {
        // the system accounts opened once, committed, before the batches: opening them inside each batch's transaction
        // waited for the other batch's commit (an insert that meets a row being updated waits for its updater)
        return Mono.zip(ledger.openSystemAccount("BUDGET_PAYOUTS"), ledger.openSystemAccount("BUDGET_FEES"), MonthClosing.SystemAccounts::new)
                .flatMap(accounts -> Flux.range(0, properties.closeWorkers())
                        .flatMap(worker -> closeBatch(month, accounts).expand(n -> n > 0 ? closeBatch(month, accounts) : Mono.empty())
                                .reduce(0L, Long::sum))
                        .reduce(0L, Long::sum)
                        .flatMap(closed -> settle(month, accounts.payouts()).thenReturn(closed)));
    }

    /**
     * One batch in one transaction. The ledger transfers go last: posting them locks the system accounts every batch
     * credits, and an account locked only from that statement to the commit leaves the batch's reads, split and writes
     * free to run beside another batch's. The events are written before it (a thousand rows, ~0.1 s) rather than at
     * the commit, for the same reason: the batches' ledger statements take turns on those accounts.
     */
    Mono<Long> closeBatch(YearMonth before, MonthClosing.SystemAccounts accounts) {
        var closing = new MonthClosing();
        return transactional.transactional(store.lockDue(Months.key(before), properties.closeBatch()).collectList().flatMap(months -> {
            if (months.isEmpty()) {
                return Mono.just(0L);
            }
            var users = months.stream().map(m -> m.user().value()).toList();
            return store.flattrsToPay(users, months.stream().map(MonthRow::month).toList())
                    .collectList()
                    .flatMap(flattrs -> store.budgets(users).collectMap(b -> b.user().value()).flatMap(budgets -> {
                        var plan = closing.plan(months, flattrs, accounts, budgets, BudgetService.now());
                        return store.close(plan.closed(), plan.payouts(), plan.at())
                                .then(outbox.appendAll(plan.events()))
                                .then(outbox.flush())
                                .then(ledger.postAll(plan.transfers()))
                                .flatMap(results -> posted(results, i -> "Closing " + plan.closed().get(i)))
                                .thenReturn((long) months.size());
                    }));
        }));
    }

    /**
     * Pays each month before {@code before} whose budgets have all closed and whose creators were not paid yet: one
     * transfer per creator from the payouts account, and one {@link FlattrsPaid}, once per month and round (the
     * settlement row, locked and marked in the same transaction). A month with budgets still open (another instance
     * closing its last batch) waits for the next pass.
     */
    Mono<Void> settle(YearMonth before, AccountId payouts) {
        return transactional.transactional(store.lockUnsettled(Months.key(before)).concatMap(settlement -> store.hasOpenBudgets(settlement.month())
                .flatMap(open -> open ? Mono.<Void>empty()
                        : store.owedToCreators(settlement.month()).collectList().flatMap(owed -> payCreators(settlement, owed, payouts)))).then());
    }

    private Mono<Void> payCreators(BudgetStore.Settlement settlement, List<BudgetStore.CreatorTotal> owed, AccountId payouts) {
        var at = BudgetService.now();
        var month = YearMonth.from(settlement.month());
        return wallets(owed.stream().map(BudgetStore.CreatorTotal::creator).toList()).flatMap(wallets -> {
            var transfers = owed.stream().map(o -> Funding.settlement(month, settlement.round(), o, payouts, wallets.get(o.creator()))).toList();
            var events = owed.stream().<Object>map(o -> new FlattrsPaid(new UserId(o.creator()), month.toString(), Money.eur(o.amount()),
                    o.payers(), o.flattrs(), at)).toList();
            return store.paidCreators(settlement, owed, transfers.stream().map(t -> t.id().value()).toList(), at)
                    .then(outbox.appendAll(events))
                    .then(store.settled(settlement.month(), owed.size(), at))
                    .then(outbox.flush())
                    // last, as in a close batch: the creators' wallets are locked from this statement to the commit
                    .then(ledger.postAll(transfers))
                    .flatMap(results -> posted(results, i -> "Paying " + owed.get(i).creator() + " for " + month));
        });
    }

    private static Mono<Void> posted(List<TransferResult> results, IntFunction<String> what) {
        for (var i = 0; i < results.size(); i++) {
            if (!(results.get(i) instanceof TransferResult.Posted || results.get(i) instanceof TransferResult.AlreadyPosted)) {
                return Mono.error(new IllegalStateException(what.apply(i) + ": " + results.get(i)));
            }
        }
        return Mono.empty();
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

    /** The creators' wallets, in one query (payments opens the missing ones, together, in this transaction). */
    private Mono<Map<UUID, WalletId>> wallets(List<UUID> creatorIds) {
        var creators = creatorIds.stream().map(UserId::new).toList();
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
