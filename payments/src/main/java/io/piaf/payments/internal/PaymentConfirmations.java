package io.piaf.payments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.Identity;
import io.piaf.identity.Pin;
import io.piaf.identity.PinCheck;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.CancellationReason;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentId;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.payments.internal.PaymentStore.Ending;
import io.piaf.payments.internal.PaymentStore.Locked;
import io.piaf.payments.internal.domain.ConfirmationRules;
import io.piaf.payments.internal.domain.ConfirmationRules.Step;
import io.piaf.payments.internal.domain.PaymentStatus;
import io.piaf.payments.internal.domain.Receipts;
import io.piaf.payments.internal.domain.Refusal;
import io.piaf.platform.batching.MicroBatcher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends payments: confirmation with the payer's PIN, cancellation by the payer, expiry. The rules are
 * {@link ConfirmationRules}'; this service locks, asks them, posts and publishes.
 * <p>
 * Confirmations that arrive together commit together (group commit, {@link MicroBatcher}): a batch locks its
 * payments and their payers' wallets in one statement, checks the PINs in one read, posts the transfers in one call,
 * completes and ends payments in one statement each, writes its events in one, and commits once. A batch holds one
 * confirmation per payer, so each decides on its own wallet, daily total and PIN; what a refused confirmation did (a
 * wrong PIN counted, a payment cancelled or expired) commits before the refusal is answered.
 */
@Service
class PaymentConfirmations {

    /** A payer's confirmation of a payment with a PIN. */
    record Confirmation(UserId caller, PaymentId payment, Pin pin) {
    }

    /** A confirmation's outcome, known inside the transaction and answered after it commits. */
    sealed interface Outcome {
        record Done(PaymentRow payment) implements Outcome {
        }

        record Refused(Refusal why) implements Outcome {
        }
    }

    private final PaymentStore payments;
    private final Identity identity;
    private final Ledger ledger;
    private final Outbox outbox;
    private final PaymentsProperties properties;
    private final TransactionalOperator transactional;
    private final MicroBatcher<Confirmation, Outcome> batches;

    PaymentConfirmations(PaymentStore payments, Identity identity, Ledger ledger, Outbox outbox,
            PaymentsProperties properties, ReactiveTransactionManager transactions) {
        this.payments = payments;
        this.identity = identity;
        this.ledger = ledger;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
        this.batches = new MicroBatcher<>(properties.confirmationLanes(), properties.confirmationBatch(), Confirmation::caller,
                batch -> transactional.transactional(confirmAll(batch)),
                one -> transactional.transactional(confirmAll(List.of(one))).map(List::getFirst)
                        .retryWhen(TransientFailures.retry()));
    }

    Mono<PaymentRow> confirm(UserId caller, PaymentId id, String pin) {
        return Mono.fromCallable(() -> new Confirmation(caller, id, Pin.parse(pin)))
                .flatMap(batches::submit)
                .flatMap(outcome -> switch (outcome) {
                    case Outcome.Done done -> Mono.just(done.payment());
                    case Outcome.Refused refused -> Mono.error(PaymentProblems.of(refused.why()));
                });
    }

    /** Decides confirmations of distinct payers in the caller's transaction; one outcome each, in order. */
    private Mono<List<Outcome>> confirmAll(List<Confirmation> batch) {
        var ids = batch.stream().map(Confirmation::payment).toList();
        var callers = batch.stream().map(Confirmation::caller).toList();
        return payments.lockForConfirmation(ids, callers, properties.zone())
                .collectMap(locked -> locked.payment().id())
                .flatMap(locked -> {
                    var decisions = new ArrayList<Decision>();
                    var pins = new HashMap<UserId, String>();
                    for (var confirmation : batch) {
                        // Only the payer's own: the payee (or anyone who knows the id) may confirm the same payment in
                        // the same batch, and the row locked for the payer must never be decided with their PIN.
                        var mine = Optional.ofNullable(locked.get(confirmation.payment()))
                                .filter(l -> l.payment().payerId().equals(confirmation.caller())).orElse(null);
                        var step = mine == null ? null : ConfirmationRules.beforePin(mine.facts());
                        decisions.add(new Decision(confirmation, mine, step));
                        if (step instanceof Step.CheckPin) {
                            pins.put(confirmation.caller(), confirmation.pin().digits());
                        }
                    }
                    var checks = pins.isEmpty() ? Mono.just(Map.<UserId, PinCheck>of()) : identity.checkPins(pins);
                    return checks.flatMap(pinChecks -> {
                        decisions.replaceAll(d -> d.step() instanceof Step.CheckPin
                                ? d.next(ConfirmationRules.afterPin(d.locked().facts(), pinChecks.get(d.confirmation().caller()), properties.limits()))
                                : d);
                        return pay(decisions);
                    });
                })
                .flatMap(this::settle);
    }

    /** One confirmation on its way: its locked payment (null when it is not the caller's to confirm) and next step. */
    private record Decision(Confirmation confirmation, Locked locked, Step step, TransferId transfer) {

        Decision(Confirmation confirmation, Locked locked, Step step) {
            this(confirmation, locked, step, null);
        }

        Decision next(Step next) {
            return new Decision(confirmation, locked, next, transfer);
        }

        PaymentRow payment() {
            return locked.payment();
        }
    }

    /** Posts the transfers of the decisions that pay, in one call, and takes each posting's outcome as their next step. */
    private Mono<List<Decision>> pay(List<Decision> decisions) {
        var paying = new ArrayList<Integer>();
        for (var i = 0; i < decisions.size(); i++) {
            if (decisions.get(i).step() instanceof Step.Pay) {
                paying.add(i);
            }
        }
        var transfers = paying.stream().map(i -> transferOf(decisions.get(i).payment())).toList();
        return ledger.postAll(transfers).map(results -> {
            var after = new ArrayList<>(decisions);
            for (var j = 0; j < paying.size(); j++) {
                var d = decisions.get(paying.get(j));
                var result = results.get(j);
                var next = ConfirmationRules.afterPosting(d.locked().facts(), result);
                var transfer = result instanceof TransferResult.Posted posted ? posted.id() : null;
                after.set(paying.get(j), new Decision(d.confirmation(), d.locked(), next, transfer));
            }
            return after;
        });
    }

    private static Transfer transferOf(PaymentRow payment) {
        return Transfer.between(TransferId.random(), payment.donation() ? "DONATION" : "PAYMENT", payment.id().toString(),
                payment.payer().wallet().account(), Receipts.debitLine(payment.payeeHandle(), payment.note(), payment.donation()),
                payment.creditAccount(), Receipts.creditLine(payment.payerHandle(), payment.note(), payment.donation()),
                Money.eur(payment.amount()));
    }

    /** Completes and ends what was decided, one statement each, announces it, and answers every confirmation. */
    private Mono<List<Outcome>> settle(List<Decision> decisions) {
        var completing = decisions.stream().filter(d -> d.step() instanceof Step.Complete).toList();
        var ending = decisions.stream().filter(d -> d.step() instanceof Step.End).toList();
        var completed = completing.isEmpty() ? Mono.just(Map.<PaymentId, Instant>of())
                : payments.completeAll(completing.stream().map(d -> d.payment().id()).toList(),
                        completing.stream().map(Decision::transfer).toList(), completing.getFirst().locked().today())
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        var ended = ending.isEmpty() ? Mono.just(Map.<PaymentId, PaymentRow>of())
                : payments.endAll(ending.stream().map(d -> {
                    var end = (Step.End) d.step();
                    return new Ending(d.payment().id(), end.status(), end.reason());
                }).toList()).collectMap(PaymentRow::id);
        return Mono.zip(completed, ended).flatMap(done -> {
            var outcomes = new LinkedHashMap<Decision, Mono<Outcome>>();
            var events = new ArrayList<Object>();
            for (var d : decisions) {
                outcomes.put(d, switch (d.step()) {
                    case null -> notYours(d.confirmation()).map(Outcome.Refused::new);
                    case Step.AlreadyCompleted a -> Mono.just(new Outcome.Done(d.payment()));
                    case Step.Refuse r -> Mono.just(new Outcome.Refused(r.why()));
                    case Step.Complete c -> {
                        var at = done.getT1().get(d.payment().id());
                        if (at == null) {
                            yield Mono.error(new IllegalStateException("Payment " + d.payment().id() + " was paid but not completed"));
                        }
                        var row = d.payment().ended(PaymentStatus.COMPLETED, null, at, d.transfer());
                        events.add(PaymentEvents.completed(row));
                        yield Mono.just(new Outcome.Done(row));
                    }
                    case Step.End e -> {
                        var row = done.getT2().get(d.payment().id());
                        if (row != null) { // ended now, not by a concurrent sweep
                            events.add(PaymentEvents.ended(row, e.cancellation()));
                        }
                        yield Mono.just(new Outcome.Refused(e.why()));
                    }
                    case Step.CheckPin s -> Mono.error(new IllegalStateException("a PIN left unchecked"));
                    case Step.Pay s -> Mono.error(new IllegalStateException("a transfer left unposted"));
                });
            }
            return outbox.appendAll(events).thenMany(Flux.fromIterable(outcomes.values()).concatMap(o -> o)).collectList();
        });
    }

    Mono<PaymentRow> cancel(UserId caller, PaymentId id) {
        var cancellation = payments.find(id)
                .filter(p -> p.isParty(caller))
                .switchIfEmpty(Mono.error(PaymentProblems::notFound))
                .flatMap(p -> {
                    if (!p.payerId().equals(caller)) {
                        return Mono.error(PaymentProblems.of(new Refusal.NotThePayer()));
                    }
                    return payments.cancel(id, CancellationReason.BY_PAYER.name())
                            .flatMap(c -> outbox.append(PaymentEvents.cancelled(c, CancellationReason.BY_PAYER)).thenReturn(c))
                            .switchIfEmpty(Mono.defer(() -> whyNotCancelled(id)));
                });
        return transactional.transactional(cancellation).retryWhen(TransientFailures.retry());
    }

    /** A cancel that found the payment no longer pending: cancelling twice is fine, the rest is a conflict. */
    private Mono<PaymentRow> whyNotCancelled(PaymentId id) {
        return payments.find(id).flatMap(p -> switch (p.status()) {
            case CANCELLED -> Mono.just(p);
            // its time ran out; the reconciler expires it
            case PENDING_CONFIRMATION -> Mono.error(PaymentProblems.of(new Refusal.Expired(p.expiresAt())));
            default -> Mono.error(PaymentProblems.of(new Refusal.NotPending(p.status())));
        });
    }

    /** The reconciler's sweep: expires due payments and announces each, in one transaction per batch. */
    Mono<Long> expireDue(int batch) {
        return transactional.transactional(payments.expireDue(batch).collectList()
                .flatMap(expired -> outbox.appendAll(expired.stream().map(PaymentEvents::expired).toList())
                        .thenReturn((long) expired.size())));
    }

    /** Strangers learn nothing (404); the payee learns they are not the payer (403). */
    private Mono<Refusal> notYours(Confirmation c) {
        return payments.find(c.payment())
                .map(p -> p.payeeId().equals(c.caller()) ? (Refusal) new Refusal.NotThePayer() : new Refusal.NotFound())
                .defaultIfEmpty(new Refusal.NotFound());
    }
}
