package io.piaf.payments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
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
import io.piaf.payments.internal.PaymentStore.Locked;
import io.piaf.payments.internal.domain.PaymentStatus;
import io.piaf.payments.internal.domain.Receipts;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends payments: confirmation with the payer's PIN, cancellation by the payer, expiry. A confirmation runs in one
 * transaction that first locks the payment and its payer's wallet, so one payer's confirmations run one at a time:
 * the PIN's failure count, the daily cap and the funds are each checked by one confirmation at a time, and what a
 * refused confirmation did (a wrong PIN counted, a payment cancelled or expired) commits before the refusal is
 * answered.
 */
@Service
class PaymentConfirmations {

    private static final Logger log = LoggerFactory.getLogger(PaymentConfirmations.class);
    private static final Pattern PIN = Pattern.compile("[0-9]{4,6}");

    /** A confirmation's outcome, known inside the transaction and answered after it commits. */
    private sealed interface Outcome {
        record Done(PaymentRow payment) implements Outcome {
        }

        record Refused(ProblemException problem) implements Outcome {
        }
    }

    /** A payer's confirmation of a payment with a PIN (already checked for its format). */
    private record Confirmation(UserId caller, PaymentId payment, String pin) {
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
        this.batches = new MicroBatcher<>(properties.confirmationLanes(), properties.confirmationBatch(),
                Confirmation::caller, this::confirmTogether, this::confirmAlone);
    }

    /**
     * Confirmations that arrive together commit together (group commit, see {@link MicroBatcher}): one transaction
     * and one commit for the batch, each confirmation still deciding on its own locked rows.
     */
    Mono<PaymentRow> confirm(UserId caller, PaymentId id, String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_pin_format", "A PIN is 4 to 6 digits."));
        }
        var confirmation = new Confirmation(caller, id, pin);
        var outcome = properties.confirmationBatch() > 1 ? batches.submit(confirmation) : confirmAlone(confirmation);
        return outcome.flatMap(decided -> switch (decided) {
            case Outcome.Done done -> Mono.just(done.payment());
            case Outcome.Refused refused -> Mono.error(refused.problem());
        });
    }

    /**
     * A batch, one payer per confirmation (the batcher's key), so each decides on its own payer's wallet, daily total
     * and PIN: lock them all (two statements), check their PINs (one), post the transfers of the accepted ones in one
     * call, complete those in one statement. Whatever the batch size, about eight round trips and one commit.
     */
    private Mono<List<Outcome>> confirmTogether(List<Confirmation> batch) {
        var ids = batch.stream().map(Confirmation::payment).toList();
        var callers = batch.stream().map(Confirmation::caller).toList();
        var decisions = payments.lockForConfirmations(ids, callers, properties.zone())
                .collectMap(locked -> locked.payment().id())
                .flatMap(locked -> {
                    var pins = new HashMap<UserId, String>();
                    batch.stream().filter(c -> lockedFor(c, locked) != null && needsPin(lockedFor(c, locked)))
                            .forEach(c -> pins.put(c.caller(), c.pin()));
                    return identity.checkPins(pins).flatMap(checks -> Flux.fromIterable(batch).concatMap(c -> {
                        var mine = lockedFor(c, locked);
                        if (mine == null) {
                            return notYours(c.caller(), c.payment()).map(problem -> (Step) new Step.Decided(new Outcome.Refused(problem)));
                        }
                        return needsPin(mine) ? afterPin(mine, checks.get(c.caller())) : withoutPin(mine);
                    }).collectList());
                })
                .flatMap(this::payAll);
        return transactional.transactional(decisions);
    }

    /**
     * The locked payment this confirmation may decide: only its payer's. The payee (or anyone who knows the id) may
     * confirm the same payment in the same batch; the row locked for the payer must never be decided with their PIN.
     */
    private static Locked lockedFor(Confirmation c, Map<PaymentId, Locked> locked) {
        var row = locked.get(c.payment());
        return row != null && row.payment().payerId().equals(c.caller()) ? row : null;
    }

    private Mono<Outcome> confirmAlone(Confirmation confirmation) {
        return transactional.transactional(lockAndDecide(confirmation)).retryWhen(TransientFailures.retry());
    }

    private Mono<Outcome> lockAndDecide(Confirmation c) {
        return payments.lockForConfirmation(c.payment(), c.caller(), properties.zone())
                .flatMap(locked -> screen(c.caller(), locked, c.pin()))
                .flatMap(step -> payAll(List.of(step)).map(List::getFirst))
                .switchIfEmpty(Mono.defer(() -> notYours(c.caller(), c.payment()).map(Outcome.Refused::new)));
    }

    /** Where a confirmation stands after its checks: decided, or to pay with this transfer. */
    private sealed interface Step {
        record Decided(Outcome outcome) implements Step {
        }

        record ToPay(Locked locked, Transfer transfer) implements Step {
        }
    }

    /** Everything but the money: state, expiry, challenge, PIN, caps (under the wallet lock). */
    private Mono<Step> screen(UserId caller, Locked locked, String pin) {
        return needsPin(locked) ? identity.checkPin(caller, pin).flatMap(check -> afterPin(locked, check)) : withoutPin(locked);
    }

    /** Pending, in time and as shown to the payer: the PIN decides. */
    private static boolean needsPin(Locked locked) {
        var payment = locked.payment();
        return payment.status() == PaymentStatus.PENDING_CONFIRMATION && !locked.expired() && payment.termsMatchChallenge();
    }

    /** A confirmation decided before its PIN is looked at. */
    private Mono<Step> withoutPin(Locked locked) {
        var payment = locked.payment();
        if (payment.status() == PaymentStatus.COMPLETED) {
            return decided(done(payment)); // a retried confirmation: nothing moves again
        }
        if (payment.status().isFinal()) {
            return decided(refused(notPending(payment)));
        }
        if (locked.expired()) {
            return decided(end(payment, PaymentStatus.EXPIRED, "expired", null).then(refused(expired(payment))));
        }
        log.error("Payment {} no longer matches the challenge its payer was shown; failing it", payment.id());
        return decided(end(payment, PaymentStatus.FAILED, "challenge_mismatch", null)
                .then(refused(ProblemException.conflict("challenge_mismatch", "This payment's terms changed; it was not made."))));
    }

    private Mono<Step> afterPin(Locked locked, PinCheck check) {
        var payment = locked.payment();
        return switch (check) {
            case PinCheck.Accepted a -> toPay(locked);
            case PinCheck.Rejected r -> decided(refused(new ProblemException(422, "invalid_pin", "Wrong PIN.",
                    Map.of("attemptsLeft", r.attemptsLeft()))));
            case PinCheck.Locked l -> decided(end(payment, PaymentStatus.CANCELLED, CancellationReason.PIN_LOCKED.name(), CancellationReason.PIN_LOCKED)
                    .then(refused(new ProblemException(423, "pin_locked", "Too many wrong PINs: the PIN is locked until "
                            + l.until() + " and this payment is cancelled.",
                            Map.of("lockedUntil", l.until().toString(), "paymentStatus", PaymentStatus.CANCELLED.name())))));
            case PinCheck.NotSet n -> decided(refused(ProblemException.unprocessable("pin_not_set", "Set a PIN (PUT /api/me/pin) before paying.")));
        };
    }

    /** The PIN is right: the caps, checked under the wallet lock, then the transfer to post (the ledger checks the funds). */
    private Mono<Step> toPay(Locked locked) {
        var payment = locked.payment();
        var breach = properties.limits().check(payment.amount(), payment.donation(), locked.sentSoFarToday());
        if (breach.isPresent()) {
            return decided(refused(breach.get()));
        }
        var transfer = Transfer.between(TransferId.random(), payment.donation() ? "DONATION" : "PAYMENT", payment.id().toString(),
                payment.payerWallet().account(), Receipts.debitLine(payment.payeeHandle(), payment.note(), payment.donation()),
                payment.payeeWallet().account(), Receipts.creditLine(payment.payerHandle(), payment.note(), payment.donation()),
                Money.eur(payment.amount()));
        return Mono.just(new Step.ToPay(locked, transfer));
    }

    /** Posts the accepted transfers in one call, completes the posted payments in one statement; outcomes in order. */
    private Mono<List<Outcome>> payAll(List<Step> steps) {
        var toPay = steps.stream().filter(Step.ToPay.class::isInstance).map(Step.ToPay.class::cast).toList();
        return ledger.postAll(toPay.stream().map(Step.ToPay::transfer).toList()).flatMap(results -> {
            var posted = new ArrayList<Step.ToPay>();
            var transfers = new ArrayList<TransferId>();
            var refusals = new HashMap<Step.ToPay, Mono<Outcome>>();
            for (var i = 0; i < toPay.size(); i++) {
                var step = toPay.get(i);
                var payment = step.locked().payment();
                switch (results.get(i)) {
                    case TransferResult.Posted p -> {
                        posted.add(step);
                        transfers.add(p.id());
                    }
                    case TransferResult.InsufficientFunds short_ -> refusals.put(step, refused(ProblemException.unprocessable("insufficient_funds",
                            "Your balance is too low for this payment; top up and confirm again before it expires.")));
                    case TransferResult.UnknownAccount unknown -> refusals.put(step, end(payment, PaymentStatus.FAILED, "wallet_missing", null)
                            .then(refused(ProblemException.conflict("payment_failed", "A wallet of this payment no longer exists."))));
                    case TransferResult.AlreadyPosted already -> {
                        return Mono.error(new IllegalStateException("Payment " + payment.id() + " is pending but its transfer was posted"));
                    }
                }
            }
            var today = posted.isEmpty() ? null : posted.getFirst().locked().today();
            var completions = posted.isEmpty() ? Mono.just(Map.<PaymentId, Instant>of())
                    : payments.completeAll(posted.stream().map(s -> s.locked().payment().id()).toList(), transfers, today)
                            .collectMap(Map.Entry::getKey, Map.Entry::getValue);
            return completions.flatMap(decidedAt -> Flux.fromIterable(steps).concatMap(step -> switch (step) {
                case Step.Decided d -> Mono.just(d.outcome());
                case Step.ToPay p when refusals.containsKey(p) -> refusals.get(p);
                case Step.ToPay p -> {
                    var payment = p.locked().payment();
                    var at = decidedAt.get(payment.id());
                    if (at == null) {
                        yield Mono.<Outcome>error(new IllegalStateException("Payment " + payment.id() + " was posted but not completed"));
                    }
                    var completed = payment.withStatus(PaymentStatus.COMPLETED, null, at, transfers.get(posted.indexOf(p)));
                    yield outbox.append(PaymentEvents.completed(completed)).then(done(completed));
                }
            }).collectList());
        });
    }

    Mono<PaymentRow> cancel(UserId caller, PaymentId id) {
        var cancellation = payments.find(id)
                .filter(p -> p.isParty(caller))
                .switchIfEmpty(Mono.defer(() -> notYours(caller, id).flatMap(problem -> Mono.<PaymentRow>error(problem))))
                .flatMap(p -> {
                    if (!p.payerId().equals(caller)) {
                        return Mono.error(notThePayer());
                    }
                    return payments.end(id, PaymentStatus.CANCELLED, CancellationReason.BY_PAYER.name(), false)
                            .flatMap(c -> outbox.append(PaymentEvents.cancelled(c, CancellationReason.BY_PAYER)).thenReturn(c))
                            .switchIfEmpty(Mono.defer(() -> whyNotCancelled(id)));
                });
        return transactional.transactional(cancellation).retryWhen(TransientFailures.retry());
    }

    /** A cancel that found the payment no longer pending: cancelling twice is fine, the rest is a conflict. */
    private Mono<PaymentRow> whyNotCancelled(PaymentId id) {
        return payments.find(id).flatMap(p -> {
            if (p.status() == PaymentStatus.CANCELLED) {
                return Mono.just(p);
            }
            if (p.status() == PaymentStatus.PENDING_CONFIRMATION) { // its time ran out; the reconciler expires it
                return Mono.error(expired(p));
            }
            return Mono.error(notPending(p));
        });
    }

    /** The reconciler's sweep: expires due payments and announces each, in one transaction per batch. */
    Mono<Long> expireDue(int batch) {
        return transactional.transactional(payments.expireDue(batch)
                .concatMap(p -> outbox.append(PaymentEvents.expired(p)).thenReturn(p))
                .count());
    }

    private Mono<Void> end(PaymentRow payment, PaymentStatus status, String reason, CancellationReason cancellation) {
        return payments.end(payment.id(), status, reason, null).flatMap(ended -> outbox.append(switch (status) {
            case CANCELLED -> PaymentEvents.cancelled(ended, cancellation);
            case EXPIRED -> PaymentEvents.expired(ended);
            default -> PaymentEvents.failed(ended, reason);
        }));
    }

    /** Strangers learn nothing (404); the payee learns they are not the payer (403). */
    private Mono<ProblemException> notYours(UserId caller, PaymentId id) {
        return payments.find(id).map(p -> p.payeeId().equals(caller) ? notThePayer() : notFound())
                .defaultIfEmpty(notFound());
    }

    static ProblemException notFound() {
        return ProblemException.notFound("payment_not_found", "No such payment.");
    }

    private static ProblemException notThePayer() {
        return ProblemException.forbidden("not_the_payer", "Only the payer confirms or cancels a payment.");
    }

    private static ProblemException expired(PaymentRow p) {
        return new ProblemException(409, "payment_expired", "This payment expired at " + p.expiresAt() + " without confirmation; nothing was paid.",
                Map.of("paymentStatus", PaymentStatus.EXPIRED.name()));
    }

    private static ProblemException notPending(PaymentRow p) {
        return new ProblemException(409, p.status() == PaymentStatus.EXPIRED ? "payment_expired" : "payment_not_pending",
                "This payment is " + p.status() + "; it can no longer be confirmed or cancelled.", Map.of("paymentStatus", p.status().name()));
    }

    private static Mono<Outcome> done(PaymentRow payment) {
        return Mono.just(new Outcome.Done(payment));
    }

    private static Mono<Step> decided(Mono<Outcome> outcome) {
        return outcome.map(Step.Decided::new);
    }

    private static Mono<Outcome> refused(ProblemException problem) {
        return Mono.just(new Outcome.Refused(problem));
    }
}
