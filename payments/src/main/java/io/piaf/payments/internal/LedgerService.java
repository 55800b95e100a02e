package io.piaf.payments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.HoldId;
import io.piaf.payments.HoldResult;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Party;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferResult;
import io.piaf.payments.WalletCredited;
import io.piaf.payments.WalletDebited;
import io.piaf.payments.WalletId;
import io.piaf.payments.WalletPosting;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The ledger facade. A posting that touches a wallet is announced ({@link WalletCredited}, {@link WalletDebited})
 * in the caller's transaction, which therefore must be one: a transfer never commits without its events.
 */
@Service
class LedgerService implements Ledger {

    private static final Pattern PURPOSE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final LedgerStore store;
    private final Outbox outbox;

    LedgerService(LedgerStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    @Override
    public Mono<AccountId> openUserAccount(AccountId id, UserId owner, String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches() || purpose.equals("WALLET")) {
            return Mono.error(new IllegalArgumentException("A user account's purpose is UPPER_SNAKE_CASE and not WALLET: " + purpose));
        }
        return store.openUserAccount(id, owner, purpose);
    }

    @Override
    public Mono<AccountId> openSystemAccount(String purpose) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            return Mono.error(new IllegalArgumentException("A system account's purpose is UPPER_SNAKE_CASE: " + purpose));
        }
        return store.openSystemAccount(purpose);
    }

    @Override
    public Mono<Money> balance(AccountId account) {
        return store.balance(account);
    }

    @Override
    public Mono<Money> available(AccountId account) {
        return store.available(account);
    }

    @Override
    public Mono<HoldResult> hold(HoldId id, AccountId account, Money amount, String memo) {
        if (!amount.isPositive()) {
            return Mono.error(new IllegalArgumentException("A hold reserves a positive amount: " + amount));
        }
        return store.hold(id, account, amount.minorUnits(), memo).map(o -> {
            if (!o.found()) {
                return new HoldResult.UnknownAccount();
            }
            if (o.remaining() != null) {
                return new HoldResult.Held(id, Money.eur(o.remaining()), Money.eur(o.available()));
            }
            return o.funded() ? new HoldResult.NotActive(id) : new HoldResult.InsufficientFunds(Money.eur(o.available()));
        });
    }

    @Override
    public Mono<HoldResult> release(HoldId id, Money amount) {
        if (amount != null && !amount.isPositive()) {
            return Mono.error(new IllegalArgumentException("A release frees a positive amount: " + amount));
        }
        return store.release(id, amount == null ? null : amount.minorUnits())
                .<HoldResult>map(r -> new HoldResult.Released(id, Money.eur(r[0]), Money.eur(r[1])))
                .defaultIfEmpty(new HoldResult.NotActive(id));
    }

    @Override
    public Mono<TransferResult> capture(HoldId id, Transfer transfer) {
        return inTransaction("capture(" + transfer.kind() + " " + transfer.reference() + ")")
                .then(store.capture(id, transfer).flatMap(outcome -> announce(transfer, outcome)));
    }

    @Override
    public Mono<TransferResult> post(Transfer transfer) {
        return inTransaction("post(" + transfer.kind() + " " + transfer.reference() + ")").then(postInTransaction(transfer));
    }

    private static Mono<Void> inTransaction(String what) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Ledger." + what
                        + " needs a transaction: a transfer commits with the events that announce it")))
                .then();
    }

    @Override
    public Mono<List<TransferResult>> postAll(List<Transfer> transfers) {
        if (transfers.isEmpty()) {
            return Mono.just(List.of());
        }
        return inTransaction("postAll(" + transfers.size() + " transfers)")
                .then(store.postAll(transfers))
                .flatMap(outcomes -> Flux.range(0, transfers.size())
                        .concatMap(i -> announce(transfers.get(i), outcomes.get(i)))
                        .collectList());
    }

    private Mono<TransferResult> postInTransaction(Transfer transfer) {
        return store.post(transfer).flatMap(outcome -> announce(transfer, outcome));
    }

    /** What a posting's outcome means, and its wallet events appended when it moved money. */
    private Mono<TransferResult> announce(Transfer transfer, LedgerStore.Outcome outcome) {
        if (!outcome.found()) {
            return Mono.just(new TransferResult.UnknownAccount());
        }
        if (!outcome.funded()) {
            return Mono.just(new TransferResult.InsufficientFunds(new AccountId(outcome.shortAccount())));
        }
        if (outcome.at() == null) {
            return Mono.just(new TransferResult.AlreadyPosted(transfer.kind(), transfer.reference()));
        }
        var postings = new ArrayList<TransferResult.Posting>();
        var events = new ArrayList<Object>();
        for (var line : outcome.lines()) {
            postings.add(new TransferResult.Posting(line.account(), Money.eur(line.amount()), Money.eur(line.balanceAfter())));
            if (line.userId() != null) {
                events.add(walletEvent(transfer, outcome, line));
            }
        }
        var posted = new TransferResult.Posted(transfer.id(), outcome.at(), postings);
        return Flux.fromIterable(events).concatMap(outbox::append).then(Mono.just(posted));
    }

    private static Object walletEvent(Transfer transfer, LedgerStore.Outcome outcome, LedgerStore.Line line) {
        var posting = new WalletPosting(new WalletId(line.account().value()), new Party(line.userId(), line.handle()),
                Money.eur(Math.abs(line.amount())), Money.eur(line.balanceAfter()), transfer.id(), transfer.kind(),
                transfer.reference(), line.counterpartyHandle(), line.memo(), outcome.at());
        return line.amount() > 0 ? new WalletCredited(posting) : new WalletDebited(posting);
    }
}
