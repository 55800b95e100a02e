package io.piaf.unlocks.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.PinCheck;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Payments;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.unlocks.UnlockPurchased;
import io.piaf.unlocks.UnlockableId;
import io.piaf.unlocks.internal.domain.ContentLinks;
import io.piaf.unlocks.internal.domain.Purchase;
import reactor.core.publisher.Mono;

/**
 * "Or pay": the user's PIN pays the item's price from their wallet to the creator's, and the unlock and its event are
 * written in the same transaction as the ledger transfer (as commerce's checkout pays). Under the user's lock, so two
 * tabs cannot buy twice nor buy after a post unlock. A refusal after the PIN check commits only the PIN's count.
 */
@Service
class UnlockPurchases {

    static final String KIND = "UNLOCK_PURCHASE";

    record Purchased(UnlockRow unlock, ContentLinks.Link link) {
    }

    private record Outcome(Purchased value, ProblemException problem) {
    }

    private final UnlockService items;
    private final UnlockStore store;
    private final Identity identity;
    private final Payments payments;
    private final Ledger ledger;
    private final Outbox outbox;
    private final ContentLinks links;
    private final TransactionalOperator transactional;

    UnlockPurchases(UnlockService items, UnlockStore store, Identity identity, Payments payments, Ledger ledger, Outbox outbox,
            ContentLinks links, ReactiveTransactionManager transactions) {
        this.items = items;
        this.store = store;
        this.identity = identity;
        this.payments = payments;
        this.ledger = ledger;
        this.outbox = outbox;
        this.links = links;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** {@code complete} stores the answer for the Idempotency-Key, inside the transaction that paid. */
    Mono<Purchased> purchase(UserId user, UnlockableId id, String pin, Function<Purchased, Mono<Void>> complete) {
        if (pin == null || !pin.matches("[0-9]{4,6}")) {
            return Mono.error(ProblemException.badRequest("invalid_pin_format", "A PIN is 4 to 6 digits."));
        }
        return items.find(id).flatMap(item -> transactional.transactional(store.lockUser(user)
                        .then(store.active(id, user).hasElement())
                        .flatMap(unlocked -> {
                            Purchase.check(item.creator().equals(user), item.price(), unlocked).ifPresent(r -> {
                                throw UnlockService.problem(r);
                            });
                            return identity.checkPin(user, pin);
                        })
                        .flatMap(check -> switch (check) {
                            case PinCheck.Accepted a -> charge(user, item, complete);
                            default -> refused(check.problem());
                        }))
                .flatMap(outcome -> outcome.problem() != null ? Mono.error(outcome.problem()) : Mono.just(outcome.value())));
    }

    private static Mono<Outcome> refused(ProblemException problem) {
        return Mono.just(new Outcome(null, problem));
    }

    private Mono<Outcome> charge(UserId user, UnlockableRow item, Function<Purchased, Mono<Void>> complete) {
        return Mono.zip(identity.find(user), payments.wallet(user), payments.wallet(item.creator())).flatMap(t -> {
            var unlockId = UUID.randomUUID();
            var transferId = new TransferId(unlockId);
            var amount = Money.eur(item.price());
            return ledger.post(Transfer.between(transferId, KIND, unlockId.toString(), t.getT2().account(), "Unlocked " + item.title(),
                    t.getT3().account(), "@" + t.getT1().handle() + " unlocked " + item.title(), amount)).flatMap(result -> switch (result) {
                case TransferResult.Posted posted -> {
                    var at = posted.at();
                    var unlock = new UnlockRow(unlockId, item.id(), user, t.getT1().handle(), null, 0, null, null, null, at, null,
                            UnlockRow.PAID, item.price(), transferId.value());
                    var purchased = new Purchased(unlock, links.sign(item.id().value(), user.value(), Instant.now()));
                    yield store.insert(unlock)
                            .then(outbox.append(new UnlockPurchased(item.id(), item.creator(), user, item.price(), transferId.value(), at)))
                            .then(complete.apply(purchased))
                            .thenReturn(new Outcome(purchased, null));
                }
                case TransferResult.InsufficientFunds f -> refused(ProblemException.unprocessable("insufficient_funds",
                        "Your wallet holds less than " + amount.decimal() + " EUR: top up and pay again."));
                default -> Mono.error(new IllegalStateException("Unlock purchase of " + item.id() + " could not be posted: " + result));
            });
        });
    }
}
