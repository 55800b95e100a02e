package io.piaf.savings.internal;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.savings.VaultGoalReached;
import io.piaf.savings.internal.MovementStore.Kind;
import reactor.core.publisher.Mono;

/**
 * Moves one vault's money: posts the ledger transfer (wallet ↔ vault, or interest account → vault), then records the
 * movement and the vault's new balance, and announces a goal it reached — all in the caller's transaction, which
 * already holds the vault's lock.
 */
@Component
class VaultPostings {

    /** What a move did. Only {@link Moved} changed anything. */
    sealed interface Outcome {

        record Moved(UUID movementId, Kind kind, long amount, long vaultBalance, Long walletBalance, java.time.Instant at) implements Outcome {
        }

        /** The wallet (money in) or the vault (money out) holds less than the amount: nothing moved. */
        record Short() implements Outcome {
        }

        /** This kind and reference were posted before: nothing moved again. */
        record AlreadyPosted() implements Outcome {
        }
    }

    private final Ledger ledger;
    private final MovementStore movements;
    private final VaultStore vaults;
    private final InterestAccount interest;
    private final Outbox outbox;

    VaultPostings(Ledger ledger, MovementStore movements, VaultStore vaults, InterestAccount interest, Outbox outbox) {
        this.ledger = ledger;
        this.movements = movements;
        this.vaults = vaults;
        this.interest = interest;
        this.outbox = outbox;
    }

    /**
     * Moves {@code cents} into the vault (positive) or out of it to the wallet (negative).
     *
     * @param reference with the kind, unique in the ledger: the same move is never posted twice
     */
    Mono<Outcome> move(VaultRow vault, Kind kind, long cents, String reference, LocalDate valueDay) {
        var counterparty = kind == Kind.INTEREST ? interest.id() : Mono.just(vault.wallet().account());
        return counterparty.flatMap(other -> {
            var amount = Money.eur(Math.abs(cents));
            var transfer = cents > 0
                    ? Transfer.between(TransferId.random(), transferKind(kind), reference, other, otherMemo(kind, vault), vault.id().account(),
                            vaultMemo(kind), amount)
                    : Transfer.between(TransferId.random(), transferKind(kind), reference, vault.id().account(), vaultMemo(kind), other,
                            otherMemo(kind, vault), amount);
            return ledger.post(transfer).flatMap(result -> switch (result) {
                case TransferResult.Posted posted -> record(vault, kind, cents, posted, other, valueDay);
                case TransferResult.InsufficientFunds s -> Mono.just(new Outcome.Short());
                case TransferResult.AlreadyPosted a -> Mono.just(new Outcome.AlreadyPosted());
                case TransferResult.UnknownAccount u -> Mono.error(new IllegalStateException(
                        "Vault " + vault.id() + " or its wallet has no ledger account"));
            });
        });
    }

    private Mono<Outcome> record(VaultRow vault, Kind kind, long cents, TransferResult.Posted posted, AccountId other, LocalDate valueDay) {
        long vaultBalance = balanceOf(posted, vault.id().account());
        Long walletBalance = other.equals(vault.wallet().account()) ? balanceOf(posted, other) : null;
        var movementId = UUID.randomUUID();
        var reached = cents > 0 && vault.reachesGoal(vaultBalance);
        var goalEvent = reached
                ? outbox.append(new VaultGoalReached(vault.id(), vault.owner(), vault.name(), Money.eur(vault.goal().cents()),
                        Money.eur(vaultBalance), posted.at()))
                : Mono.<Void>empty();
        return movements.insert(movementId, posted.id(), vault.id(), kind, cents, vaultBalance, valueDay, posted.at())
                .then(vaults.moved(vault.id(), vaultBalance, reached ? posted.at() : null))
                .then(goalEvent)
                .thenReturn(new Outcome.Moved(movementId, kind, cents, vaultBalance, walletBalance, posted.at()));
    }

    static long balanceOf(TransferResult.Posted posted, AccountId account) {
        return posted.postings().stream().filter(p -> p.account().equals(account)).findFirst().orElseThrow()
                .balanceAfter().minorUnits();
    }

    /** The ledger transfer kinds savings posts; the wallet's statement shows them as its lines' type. */
    static String transferKind(Kind kind) {
        return "SAVINGS_" + kind.name();
    }

    private static String otherMemo(Kind kind, VaultRow vault) {
        return switch (kind) {
            case DEPOSIT -> "To savings · " + vault.name();
            case ROUND_UP -> "Round-up to savings · " + vault.name();
            case SCHEDULED -> "Scheduled saving · " + vault.name();
            case WITHDRAWAL -> "From savings · " + vault.name();
            case INTEREST -> "Interest on savings";
        };
    }

    private static String vaultMemo(Kind kind) {
        return switch (kind) {
            case DEPOSIT -> "Deposit";
            case ROUND_UP -> "Round-up";
            case SCHEDULED -> "Scheduled saving";
            case WITHDRAWAL -> "Withdrawal";
            case INTEREST -> "Interest";
        };
    }
}
