package io.piaf.savings.internal;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Payments;
import io.piaf.savings.VaultGoalReached;
import io.piaf.savings.VaultId;
import io.piaf.savings.internal.domain.Goal;
import io.piaf.savings.internal.domain.Interest;
import io.piaf.savings.internal.domain.RoundUp;
import io.piaf.savings.internal.domain.SavingSchedule;
import io.piaf.savings.internal.domain.VaultName;
import reactor.core.publisher.Mono;

/** Opening vaults and changing their settings. Each change locks the vault's row first, as every move does. */
@Service
class VaultService {

    static final String SAVINGS_ACCOUNT = "SAVINGS";

    private final VaultStore vaults;
    private final Ledger ledger;
    private final Payments payments;
    private final Outbox outbox;
    private final TransactionalOperator transactional;
    private final SavingsProperties properties;
    private final Clock clock;

    VaultService(VaultStore vaults, Ledger ledger, Payments payments, Outbox outbox, TransactionalOperator savingsTransactions,
            SavingsProperties properties, Clock clock) {
        this.vaults = vaults;
        this.ledger = ledger;
        this.payments = payments;
        this.outbox = outbox;
        this.transactional = savingsTransactions;
        this.properties = properties;
        this.clock = clock;
    }

    record Opening(String name, Goal goal) {
    }

    /** Opens a vault and its ledger account together. */
    Mono<VaultRow> open(UserId owner, Opening opening) {
        var id = VaultId.random();
        var now = Instant.now(clock);
        return payments.wallet(owner)
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(wallet -> transactional.transactional(vaults.countOpen(owner)
                        .flatMap(open -> open >= properties.maxOpenVaults()
                                ? Mono.error(new ProblemException(422, "vault_limit_reached", "You can have at most "
                                        + properties.maxOpenVaults() + " open vaults; close one first.",
                                        java.util.Map.of("maxOpenVaults", properties.maxOpenVaults())))
                                : Mono.empty())
                        .then(ledger.openUserAccount(id.account(), owner, SAVINGS_ACCOUNT))
                        .then(vaults.insert(id, owner, wallet, opening.name(), opening.goal(),
                                Interest.Position.openedOn(properties.today(clock)), now))
                        .then(vaults.find(id, owner))));
    }

    Mono<VaultRow> find(UserId owner, VaultId id) {
        return vaults.find(id, owner).switchIfEmpty(Mono.error(VaultService::notFound));
    }

    /** The caller's vault, locked, and open (409 {@code vault_closed} otherwise). */
    Mono<VaultRow> lockOpen(UserId owner, VaultId id) {
        return vaults.lock(id, owner).switchIfEmpty(Mono.error(VaultService::notFound))
                .flatMap(v -> v.open() ? Mono.just(v) : Mono.error(ProblemException.conflict("vault_closed",
                        "This vault is closed; open a new one.")));
    }

    /**
     * Renames and/or sets the goal; {@code goal} null leaves it, {@code removeGoal} removes it. A new goal the balance
     * already meets is announced as reached now.
     */
    Mono<VaultRow> update(UserId owner, VaultId id, String name, Goal goal, boolean removeGoal) {
        return transactional.transactional(lockOpen(owner, id).flatMap(vault -> {
            var rename = name == null ? Mono.<Void>empty() : vaults.rename(id, VaultName.clean(name));
            Mono<Void> regoal = Mono.empty();
            if (removeGoal) {
                regoal = vaults.setGoal(id, null, null);
            } else if (goal != null) {
                var now = Instant.now(clock);
                var reached = goal.reachedBy(vault.balance());
                regoal = vaults.setGoal(id, goal, reached ? now : null)
                        .then(reached ? outbox.append(new VaultGoalReached(id, owner, name == null ? vault.name() : VaultName.clean(name),
                                Money.eur(goal.cents()), Money.eur(vault.balance()), now)) : Mono.empty());
            }
            return rename.then(regoal).then(vaults.find(id, owner));
        }));
    }

    Mono<VaultRow> roundUps(UserId owner, VaultId id, Boolean enabled, Integer multiplier) {
        if (enabled == null) {
            return Mono.error(ProblemException.badRequest("invalid_round_ups", "\"enabled\" is true or false."));
        }
        return transactional.transactional(lockOpen(owner, id)
                .flatMap(vault -> vaults.setRoundUps(id, owner, enabled ? RoundUp.multiplier(multiplier) : null))
                .then(vaults.find(id, owner)));
    }

    /** Sets the schedule; its first run is its next day after today (setting it never moves money at once). */
    Mono<VaultRow> schedule(UserId owner, VaultId id, SavingSchedule schedule) {
        return transactional.transactional(lockOpen(owner, id)
                .flatMap(vault -> vaults.saveSchedule(id, schedule, schedule.nextAfter(properties.today(clock)), Instant.now(clock)))
                .then(vaults.find(id, owner)));
    }

    Mono<VaultRow> unschedule(UserId owner, VaultId id) {
        return transactional.transactional(lockOpen(owner, id)
                .flatMap(vault -> vaults.deleteSchedule(id))
                .then(vaults.find(id, owner)));
    }

    static ProblemException notFound() {
        return ProblemException.notFound("vault_not_found", "No such vault.");
    }
}
