package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.crypto.CryptoKind;
import io.piaf.crypto.CryptoTransactionFailed;
import io.piaf.crypto.CryptoTransactionId;
import io.piaf.crypto.CryptoTransferRequested;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.crypto.internal.domain.TokenAmounts;
import io.piaf.identity.Handle;
import io.piaf.identity.Identity;
import io.piaf.identity.PinCheck;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.PaymentSource;
import reactor.core.publisher.Mono;

/**
 * Token transfers: asked (API, post, message) → PENDING_CONFIRMATION with a challenge; confirmed with the PIN
 * (identity's check, same lockout as payments: the third wrong PIN cancels) → signed and SUBMITTED; final when the
 * watcher sees it deep enough. Caps are in euro value, as payments' to a person.
 */
@Service
class Transfers {

    private static final Pattern PIN = Pattern.compile("[0-9]{4,6}");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A transfer to ask for: {@code to} is a {@code @handle} or a 0x address. */
    record NewTransfer(UserId sender, String to, BigInteger amount, String note, PaymentSource source, String sourceId) {
    }

    private final Identity identity;
    private final Custody custody;
    private final AccountLocks locks;
    private final OperationStore operations;
    private final Outbox outbox;
    private final Chain chain;
    private final Token token;
    private final SagaSteps steps;
    private final CryptoProperties properties;
    private final TransactionalOperator transactional;

    Transfers(Identity identity, Custody custody, AccountLocks locks, OperationStore operations, Outbox outbox, Chain chain,
            Token token, SagaSteps steps, CryptoProperties properties, ReactiveTransactionManager transactions) {
        this.identity = identity;
        this.custody = custody;
        this.locks = locks;
        this.operations = operations;
        this.outbox = outbox;
        this.chain = chain;
        this.token = token;
        this.steps = steps;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<OperationRow> request(NewTransfer request, Function<OperationRow, Mono<Void>> inTransaction) {
        var cents = TokenAmounts.euroCents(request.amount(), Token.DECIMALS);
        if (cents > properties.perTransferCap()) {
            return Mono.error(new ProblemException(422, "limit_exceeded", "A token transfer is worth at most "
                    + io.piaf.payments.Money.eur(properties.perTransferCap()) + ".",
                    Map.of("limit", io.piaf.payments.Money.eur(properties.perTransferCap()).decimal(), "limitType", "per_payment_to_person")));
        }
        return identity.find(request.sender())
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(sender -> {
                    if (!sender.pinSet()) {
                        return Mono.error(ProblemException.unprocessable("pin_not_set", "Set a PIN (PUT /api/me/pin) before sending."));
                    }
                    // Both custodial accounts are made in the transfer's transaction: a refused one leaves nothing.
                    var created = Mono.zip(custody.accountOf(sender.id()), payee(request.to())).flatMap(both -> {
                        var from = both.getT1();
                        var payee = both.getT2();
                        if (payee.address().equals(from.address())) {
                            return Mono.error(ProblemException.unprocessable("self_payment", "You cannot send tokens to yourself."));
                        }
                        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        var shown = payee.handle() != null ? "@" + payee.handle() : Addresses.checksummed(payee.address());
                        var challenge = "Send " + Token.amount(request.amount()) + " to " + shown;
                        var op = new OperationRow(CryptoTransactionId.random(), sender.id(), CryptoKind.TRANSFER, false, Token.SYMBOL,
                                request.amount(), cents, from.address(), payee.address(), payee.userId(), payee.handle(),
                                OperationStatus.PENDING_CONFIRMATION, null, null, null, null, challenge, request.note(),
                                request.source().name(), request.sourceId(), now.plus(properties.transferWindow()), now);
                        var event = new CryptoTransferRequested(op.id(), sender.id(), sender.handle(), payee.userId(), payee.handle(),
                                payee.address(), Token.amount(request.amount()), challenge, request.source(), request.sourceId(),
                                op.expiresAt(), now);
                        return operations.insert(op).flatMap(inserted -> inserted
                                ? outbox.append(event).then(inTransaction.apply(op)).thenReturn(op)
                                : operations.findBySource(request.source().name(), request.sourceId()));
                    });
                    return transactional.transactional(created);
                });
    }

    private record Payee(String address, UserId userId, String handle) {
    }

    private Mono<Payee> payee(String to) {
        if (to != null && to.strip().startsWith("0x")) {
            var address = Addresses.parse(to);
            return Mono.just(new Payee(address, null, null));
        }
        var handle = Handle.parse(to);
        return identity.findByHandle(handle)
                .switchIfEmpty(Mono.error(() -> ProblemException.unprocessable("payee_not_found", "No Piaf user has the handle @" + handle + ".")))
                .flatMap(user -> custody.accountOf(user.id()).map(a -> new Payee(a.address(), user.id(), user.handle())));
    }

    /** The sender's PIN: signs and submits; refusals commit what they did (a wrong PIN counted, a cancellation). */
    Mono<OperationRow> confirm(UserId caller, CryptoTransactionId id, String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_pin_format", "A PIN is 4 to 6 digits."));
        }
        return operations.find(id)
                .filter(op -> op.userId().equals(caller) && op.kind() == CryptoKind.TRANSFER && !op.incoming())
                .switchIfEmpty(Mono.error(Transfers::notFound))
                .flatMap(found -> found.status() != OperationStatus.PENDING_CONFIRMATION ? decided(found)
                        // the chain must answer before anything is decided: a 503 leaves the transfer pending
                        : token.address().then(chain.requireUp()).then(transactional.transactional(decide(caller, id, pin))))
                .flatMap(outcome -> outcome.problem() != null ? Mono.error(outcome.problem()) : Mono.just(outcome.row()));
    }

    private record Outcome(OperationRow row, ProblemException problem) {
    }

    private Mono<Outcome> decided(OperationRow op) {
        if (op.status() == OperationStatus.SUBMITTED || op.status() == OperationStatus.CONFIRMED) {
            return Mono.just(new Outcome(op, null)); // a retried confirmation
        }
        return Mono.just(new Outcome(op, new ProblemException(409, "transfer_not_pending", "This transfer is " + op.status() + ".",
                Map.of("transactionStatus", op.status().name()))));
    }

    private Mono<Outcome> decide(UserId caller, CryptoTransactionId id, String pin) {
        return operations.lock(id).flatMap(op -> {
            if (op.status() != OperationStatus.PENDING_CONFIRMATION) {
                return decided(op);
            }
            if (op.expiresAt().isBefore(Instant.now())) {
                return end(op, OperationStatus.EXPIRED, "expired").map(e -> new Outcome(e, new ProblemException(409, "transfer_expired",
                        "This transfer expired without confirmation; nothing was sent.", Map.of("transactionStatus", "EXPIRED"))));
            }
            return identity.checkPin(caller, pin).flatMap(check -> switch (check) {
                case PinCheck.Accepted a -> send(op);
                case PinCheck.Rejected r -> Mono.just(new Outcome(op, new ProblemException(422, "invalid_pin", "Wrong PIN.",
                        Map.of("attemptsLeft", r.attemptsLeft()))));
                case PinCheck.Locked l -> end(op, OperationStatus.CANCELLED, "PIN_LOCKED").map(c -> new Outcome(c, new ProblemException(423,
                        "pin_locked", "Too many wrong PINs: the PIN is locked until " + l.until() + " and this transfer is cancelled.",
                        Map.of("lockedUntil", l.until().toString(), "transactionStatus", "CANCELLED"))));
                case PinCheck.NotSet n -> Mono.just(new Outcome(op, ProblemException.unprocessable("pin_not_set", "Set a PIN first.")));
            });
        });
    }

    /** The PIN is right: funds and the daily cap under the account lock, then the signature. */
    private Mono<Outcome> send(OperationRow op) {
        var today = LocalDate.now(PARIS).atStartOfDay(PARIS).toInstant();
        return locks.available(op.fromAddress()).zipWith(operations.sentSince(op.userId(), today)).flatMap(t -> {
            if (t.getT1().compareTo(op.amount()) < 0) {
                return Mono.just(new Outcome(op, ProblemException.unprocessable("insufficient_funds",
                        "Your account holds " + Token.amount(t.getT1()) + " available; buy more and confirm again before it expires.")));
            }
            if (t.getT2() + op.eurCents() > properties.dailyCap()) {
                return Mono.just(new Outcome(op, new ProblemException(422, "limit_exceeded", "This transfer would pass your daily limit.",
                        Map.of("limit", io.piaf.payments.Money.eur(properties.dailyCap()).decimal(), "limitType", "daily"))));
            }
            return token.address().flatMap(address -> {
                var data = chain.token(address).transfer(op.toAddress(), op.amount()).encodeFunctionCall();
                return steps.sign(ChainTxRow.Purpose.TRANSFER, op, op.fromAddress(), address, data, true);
            }).then(operations.find(op.id())).map(sent -> new Outcome(sent, null));
        });
    }

    Mono<OperationRow> end(OperationRow op, OperationStatus status, String reason) {
        return operations.transition(op.id(), status, reason).flatMap(ended -> outbox.append(new CryptoTransactionFailed(ended.id(),
                ended.userId(), ended.kind(), Token.amount(ended.amount()), status.name(), reason, Instant.now())).thenReturn(ended));
    }

    Mono<Long> expireDue() {
        return transactional.transactional(operations.expiredTransfers(100).concatMap(op -> end(op, OperationStatus.EXPIRED, "expired")).count());
    }

    static ProblemException notFound() {
        return ProblemException.notFound("crypto_transaction_not_found", "No such crypto transaction.");
    }
}
