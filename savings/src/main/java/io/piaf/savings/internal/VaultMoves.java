package io.piaf.savings.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Money;
import io.piaf.savings.InterestCredited;
import io.piaf.savings.VaultId;
import io.piaf.savings.internal.MovementStore.Kind;
import io.piaf.savings.internal.VaultPostings.Outcome;
import io.piaf.savings.internal.domain.Interest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Money in and out of a vault at the user's request, and closing a vault (its interest paid, its balance swept). */
@Service
class VaultMoves {

    private final VaultService vaults;
    private final VaultStore store;
    private final VaultPostings postings;
    private final MovementStore movements;
    private final RateStore rates;
    private final IdempotentRequests idempotency;
    private final Outbox outbox;
    private final TransactionalOperator transactional;
    private final SavingsProperties properties;
    private final Clock clock;
    private final JsonMapper json;

    VaultMoves(VaultService vaults, VaultStore store, VaultPostings postings, MovementStore movements, RateStore rates,
            IdempotentRequests idempotency, Outbox outbox, TransactionalOperator savingsTransactions, SavingsProperties properties,
            Clock clock, JsonMapper json) {
        this.vaults = vaults;
        this.store = store;
        this.postings = postings;
        this.movements = movements;
        this.rates = rates;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.transactional = savingsTransactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    /** Wallet → vault ({@code kind} DEPOSIT) or vault → wallet (WITHDRAWAL), once per Idempotency-Key. */
    Mono<IdempotentRequests.Response> move(UserId owner, VaultId id, Kind kind, long cents, String key) {
        var fingerprint = idempotency.fingerprint("savings " + kind, id.toString(), Long.toString(cents));
        var signed = kind == Kind.WITHDRAWAL ? -cents : cents;
        return idempotency.execute(owner.value(), key, fingerprint, completion -> transactional.transactional(
                vaults.lockOpen(owner, id)
                        .flatMap(vault -> postings.move(vault, kind, signed, UUID.randomUUID().toString(), properties.today(clock)))
                        .flatMap(outcome -> switch (outcome) {
                            case Outcome.Moved moved -> {
                                var body = json.writeValueAsString(new VaultViews.MoveView(moved.movementId().toString(), id.toString(),
                                        kind.name(), VaultViews.MoneyJson.of(cents), VaultViews.MoneyJson.of(moved.vaultBalance()),
                                        VaultViews.MoneyJson.of(moved.walletBalance()), moved.at().toString()));
                                yield completion.complete(201, body).thenReturn(new IdempotentRequests.Response(201, body, false));
                            }
                            case Outcome.Short s -> Mono.error(new ProblemException(422, "insufficient_funds", kind == Kind.DEPOSIT
                                    ? "Your wallet holds less than that; top up first." : "This vault holds less than that.",
                                    java.util.Map.of("from", kind == Kind.DEPOSIT ? "wallet" : "vault")));
                            case Outcome.AlreadyPosted a -> Mono.error(new IllegalStateException("A fresh reference was posted before"));
                        }))
                .retryWhen(TransientFailures.retry()));
    }

    /**
     * Closes the vault: interest accrued through yesterday is paid (months not credited yet, and the whole cents of
     * the current month; a fraction of a cent left is forfeited), then the whole balance goes back to the wallet.
     * Closing a closed vault answers it again.
     */
    Mono<VaultRow> close(UserId owner, VaultId id) {
        return transactional.transactional(store.lock(id, owner).switchIfEmpty(Mono.error(VaultService::notFound))
                .flatMap(vault -> vault.open() ? settleAndSweep(vault) : Mono.just(vault)))
                .retryWhen(TransientFailures.retry());
    }

    private Mono<VaultRow> settleAndSweep(VaultRow vault) {
        var today = properties.today(clock);
        var position = vault.interest();
        return Mono.zip(movements.after(vault.id(), position.accruedThrough()), rates.history()).flatMap(t -> {
            var later = t.getT1();
            var opening = vault.balance() - later.values().stream().mapToLong(Long::longValue).sum();
            var outcome = Interest.accrue(position, opening, later, t.getT2(), today.minusDays(1));
            var interest = outcome.creditedCents() + Interest.wholeCents(outcome.position().units());
            var reference = "close:" + vault.id();
            Mono<VaultRow> paid = interest == 0 ? Mono.just(vault)
                    : postings.move(vault, Kind.INTEREST, interest, reference, today)
                            .cast(Outcome.Moved.class)
                            .flatMap(moved -> outbox.append(new InterestCredited(vault.id(), vault.owner(), vault.name(),
                                    YearMonth.from(today), Money.eur(interest), Money.eur(moved.vaultBalance()), moved.at())))
                            .then(store.lock(vault.id(), vault.owner()));
            return paid.flatMap(v -> v.balance() == 0 ? Mono.just(v)
                            : postings.move(v, Kind.WITHDRAWAL, -v.balance(), reference, today).thenReturn(v))
                    .then(store.deleteSchedule(vault.id()))
                    .then(store.close(vault.id(), new Interest.Position(outcome.position().accruedThrough(),
                            outcome.position().paidThrough(), 0), interest, Instant.now(clock)))
                    .then(store.find(vault.id(), vault.owner()));
        });
    }
}
