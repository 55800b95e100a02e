package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.budgets.internal.domain.BudgetSplit;
import io.piaf.budgets.internal.domain.Months;
import io.piaf.budgets.internal.domain.SplitMode;
import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Payments;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferResult;
import reactor.core.publisher.Mono;

/** Setting, reading and stopping a budget, and flattring: lock, decide, post, in one transaction each. */
@Component
class BudgetService {

    /** Flattrs a user may make in a month: enough for anyone, and a bound on a month's close. */
    static final int MAX_FLATTRS = 500;

    private final BudgetStore store;
    private final Ledger ledger;
    private final Payments payments;
    private final BudgetsProperties properties;
    private final TransactionalOperator transactional;

    BudgetService(BudgetStore store, Ledger ledger, Payments payments, BudgetsProperties properties, ReactiveTransactionManager transactions) {
        this.store = store;
        this.ledger = ledger;
        this.payments = payments;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** What the budget page shows: the setting, this month's money, flattrs and split as the close will pay it. */
    record View(BudgetRow budget, YearMonth month, MonthRow funded, List<MonthSplits.CreatorFlattrs> creators, BudgetSplit.Outcome split,
            int feeBps) {
    }

    YearMonth currentMonth() {
        return Months.of(Instant.now(), properties.zone());
    }

    Mono<View> view(UserId user) {
        var month = currentMonth();
        return store.find(user).switchIfEmpty(Mono.error(BudgetService::noBudget)).flatMap(budget -> view(budget, month));
    }

    private Mono<View> view(BudgetRow budget, YearMonth month) {
        var key = Months.key(month);
        return store.month(budget.user(), key).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(funded -> store.flattrs(List.of(budget.user().value()), List.of(key)).collectList().map(flattrs -> {
                    var creators = MonthSplits.byCreator(flattrs);
                    var row = funded.orElse(null);
                    var split = row == null ? null
                            : BudgetSplit.split(row.amount(), row.feeBps(), row.split(), MonthSplits.creators(creators));
                    return new View(budget, month, row, creators, split, row == null ? properties.feeBasisPoints() : row.feeBps());
                }));
    }

    /**
     * Sets (or changes) the budget. A new budget takes this month's amount from the wallet at once (409
     * insufficient_funds otherwise, nothing written); a changed amount applies from next month; a changed split
     * applies to this month unless it is closed (409 month_closed).
     */
    Mono<View> set(UserId user, long monthly, SplitMode split) {
        // two first PUTs at once: the second insert fails on the budget's key and is tried again, finding the first
        return setOnce(user, monthly, split).onErrorResume(DataIntegrityViolationException.class, race -> setOnce(user, monthly, split));
    }

    private Mono<View> setOnce(UserId user, long monthly, SplitMode split) {
        var month = currentMonth();
        var key = Months.key(month);
        var now = now();
        return transactional.transactional(store.lock(user)
                .flatMap(existing -> store.update(user, monthly, split, true, now).thenReturn(existing))
                .switchIfEmpty(Mono.defer(() -> open(user, monthly, split, now)))
                .flatMap(budget -> store.lockMonth(user, key, true)
                        .flatMap(row -> {
                            if (row.split() == split) {
                                return Mono.<Void>empty();
                            }
                            if (!row.open()) {
                                return Mono.error(ProblemException.conflict("month_closed",
                                        "This month's budget is closed: its split can no longer change."));
                            }
                            return store.setSplit(user, key, split);
                        })
                        .then(store.month(user, key).hasElement())
                        .flatMap(funded -> funded ? Mono.<Void>empty() : fund(budget, monthly, split, month, now))
                        .then(store.find(user))))
                .flatMap(budget -> view(budget, month));
    }

    private Mono<BudgetRow> open(UserId user, long monthly, SplitMode split, Instant now) {
        return payments.wallet(user).switchIfEmpty(Mono.error(BudgetService::noBudget))
                .flatMap(wallet -> ledger.openUserAccount(AccountId.random(), user, "BUDGET").flatMap(account -> {
                    var row = new BudgetRow(user, monthly, split, account, wallet, true, null, false);
                    return store.insert(row, now).thenReturn(row);
                }));
    }

    private Mono<Void> fund(BudgetRow budget, long monthly, SplitMode split, YearMonth month, Instant now) {
        var transfer = Funding.transfer(budget, monthly, month);
        return ledger.post(transfer).flatMap(result -> switch (result) {
            case TransferResult.Posted posted -> store.insertMonth(budget.user(), Months.key(month), monthly, properties.feeBasisPoints(), split, now);
            case TransferResult.InsufficientFunds poor -> Mono.error(ProblemException.conflict("insufficient_funds",
                    "Your wallet holds less than this month's budget (" + Money.eur(monthly).decimal() + " EUR); top it up first."));
            default -> Mono.error(new IllegalStateException("Funding " + budget.user() + " " + month + ": " + result));
        });
    }

    /** Stops the budget from next month; this month's money stays for the flattrs made (or returns at its close). */
    Mono<Void> stop(UserId user) {
        return transactional.transactional(store.lock(user).switchIfEmpty(Mono.error(BudgetService::noBudget))
                .flatMap(budget -> store.deactivate(user, now())));
    }

    Mono<Void> flattr(UserId user, UUID postId) {
        var key = Months.key(currentMonth());
        return transactional.transactional(store.post(postId)
                .filter(post -> !"PRIVATE".equals(post.visibility()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("post_not_found", "There is no such post.")))
                .flatMap(post -> {
                    if (post.author().equals(user.value())) {
                        return Mono.error(ProblemException.unprocessable("own_post", "You cannot flattr your own post."));
                    }
                    return store.lockMonth(user, key, false).switchIfEmpty(Mono.error(BudgetService::noBudget)).flatMap(month -> {
                        if (!month.open()) {
                            return Mono.error(ProblemException.conflict("month_closed", "This month's budget is closed."));
                        }
                        return store.flattrCount(user, key).flatMap(count -> count >= MAX_FLATTRS
                                ? Mono.error(ProblemException.conflict("too_many_flattrs", "You flattred " + MAX_FLATTRS + " posts this month: that is the most."))
                                : store.insertFlattr(user, key, post, now())).flatMap(inserted -> inserted ? Mono.<Void>empty()
                                : Mono.error(ProblemException.conflict("already_flattred", "You flattred this post this month already.")));
                    });
                }));
    }

    static ProblemException noBudget() {
        return ProblemException.conflict("no_budget", "You have no budget for this month: set one first (PUT /api/budget).");
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static LocalDate key(YearMonth month) {
        return Months.key(month);
    }
}
