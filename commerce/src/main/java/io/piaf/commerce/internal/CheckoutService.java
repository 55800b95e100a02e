package io.piaf.commerce.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.commerce.CheckoutSessionCompleted;
import io.piaf.commerce.CheckoutSessionExpired;
import io.piaf.commerce.CheckoutSessionId;
import io.piaf.commerce.MerchantId;
import io.piaf.commerce.RefundSucceeded;
import io.piaf.commerce.internal.domain.Checkouts;
import io.piaf.commerce.internal.domain.Checkouts.Status;
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
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checkout sessions: created by a merchant, paid by a signed-in user with the PIN (wallet → merchant account in
 * payments' ledger, with the event, in one transaction), expired, refunded. Decisions take the session's row lock, so
 * two payments of one session queue and the second finds it paid.
 */
@Service
class CheckoutService {

    private static final Pattern PIN = Pattern.compile("[0-9]{4,6}");
    /** A reason is shown to the payer on one line (notifications' LINE format). */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    record Created(SessionStore.Session session, List<Checkouts.Item> items) {
    }

    record Refunded(UUID id, SessionStore.Session session, long amount) {
    }

    private record Outcome<T>(T value, ProblemException problem) {
    }

    private final SessionStore sessions;
    private final Merchants merchants;
    private final Identity identity;
    private final Payments payments;
    private final Ledger ledger;
    private final Outbox outbox;
    private final CommerceProperties properties;
    private final JsonMapper json;
    private final TransactionalOperator transactional;

    CheckoutService(SessionStore sessions, Merchants merchants, Identity identity, Payments payments, Ledger ledger, Outbox outbox,
            CommerceProperties properties, JsonMapper json, ReactiveTransactionManager transactions) {
        this.sessions = sessions;
        this.merchants = merchants;
        this.identity = identity;
        this.payments = payments;
        this.ledger = ledger;
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** A new OPEN session. */
    Mono<SessionStore.Session> create(MerchantId merchant, List<Checkouts.ItemRequest> items, String reference, Map<String, Object> metadata,
            String successUrl, String cancelUrl, Object expiresInSeconds) {
        var basket = Checkouts.basket(items, properties.maxCheckout());
        if (basket.refusal() != null) {
            return Mono.error(problem(basket.refusal()));
        }
        if (!Checkouts.isReturnUrl(successUrl) || !Checkouts.isReturnUrl(cancelUrl)) {
            return Mono.error(ProblemException.badRequest("invalid_url", "successUrl and cancelUrl are absolute http(s) URLs."));
        }
        if (reference != null && reference.length() > 200) {
            return Mono.error(ProblemException.badRequest("invalid_reference", "A reference is at most 200 characters."));
        }
        if (metadata != null && (metadata.size() > 20 || json.writeValueAsString(metadata).length() > 4000)) {
            return Mono.error(ProblemException.badRequest("invalid_metadata", "Metadata holds at most 20 keys and 4000 characters."));
        }
        var expiry = Checkouts.expiry(expiresInSeconds);
        if (expiry == null) {
            return Mono.error(ProblemException.badRequest("invalid_expiry", "expiresInSeconds is a whole number from 60 to 604800."));
        }
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var session = new SessionStore.Session(CheckoutSessionId.random(), merchant, Status.OPEN, basket.total(),
                json.writeValueAsString(basket.items()), reference, json.writeValueAsString(metadata == null ? Map.of() : metadata),
                successUrl, cancelUrl, now.plus(expiry), null, null, 0, now, null);
        return sessions.insert(session).thenReturn(session);
    }

    /** The merchant's own session; another merchant's is 404, as an unknown one. */
    Mono<SessionStore.Session> ofMerchant(MerchantId merchant, CheckoutSessionId id) {
        return sessions.find(id).filter(s -> s.merchantId().equals(merchant)).switchIfEmpty(Mono.error(CheckoutService::notFound));
    }

    Mono<SessionStore.Session> find(CheckoutSessionId id) {
        return sessions.find(id).switchIfEmpty(Mono.error(CheckoutService::notFound));
    }

    Mono<SessionStore.Session> expire(MerchantId merchant, CheckoutSessionId id) {
        return transactional.transactional(sessions.lock(id).filter(s -> s.merchantId().equals(merchant))
                .switchIfEmpty(Mono.error(CheckoutService::notFound))
                .flatMap(s -> switch (Checkouts.effective(s.status(), s.expiresAt(), Instant.now())) {
                    case COMPLETE -> Mono.error(ProblemException.conflict("session_not_open", "This checkout is already paid."));
                    case OPEN, EXPIRED -> sessions.expire(id).flatMap(expired -> expired
                            ? outbox.append(new CheckoutSessionExpired(id, merchant, true, Instant.now())) : Mono.empty());
                })
                .then(sessions.find(id)));
    }

    /** The buyer's PIN pays the session. Refusals commit what they did (a wrong PIN is counted). */
    Mono<SessionStore.Session> pay(UserId payer, CheckoutSessionId id, String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_pin_format", "A PIN is 4 to 6 digits."));
        }
        return transactional.transactional(sessions.lock(id).switchIfEmpty(Mono.error(CheckoutService::notFound))
                .flatMap(session -> {
                    var refusal = Checkouts.payable(session.status(), session.expiresAt(), Instant.now());
                    if (refusal != null) {
                        return Mono.just(new Outcome<>(session, problem(refusal)));
                    }
                    return identity.checkPin(payer, pin).flatMap(check -> switch (check) {
                        case PinCheck.Accepted a -> charge(payer, session);
                        default -> Mono.just(new Outcome<>(session, check.problem()));
                    });
                }))
                .flatMap(outcome -> outcome.problem() != null ? Mono.error(outcome.problem()) : Mono.just(outcome.value()));
    }

    private Mono<Outcome<SessionStore.Session>> charge(UserId payer, SessionStore.Session session) {
        return Mono.zip(payments.wallet(payer), merchants.find(session.merchantId())).flatMap(t -> {
            if (t.getT2().owner().equals(payer)) {
                return Mono.just(new Outcome<>(session, ProblemException.unprocessable("own_merchant", "You cannot pay your own merchant.")));
            }
            var transferId = TransferId.random();
            var amount = Money.eur(session.amount());
            return ledger.post(Transfer.between(transferId, "CHECKOUT", session.id().toString(), t.getT1().account(),
                    "Checkout " + t.getT2().name(), t.getT2().account(), "Checkout " + session.id(), amount)).flatMap(result -> switch (result) {
                case TransferResult.Posted posted -> {
                    var at = posted.at();
                    yield sessions.complete(session.id(), payer, transferId.value(), at)
                            .then(outbox.append(new CheckoutSessionCompleted(session.id(), session.merchantId(), payer, amount,
                                    session.reference(), transferId.value(), at)))
                            .then(sessions.find(session.id())).map(paid -> new Outcome<>(paid, null));
                }
                case TransferResult.InsufficientFunds f -> Mono.just(new Outcome<>(session, ProblemException.unprocessable(
                        "insufficient_funds", "Your wallet holds less than " + amount.decimal() + " EUR: top up and pay again.")));
                default -> Mono.error(new IllegalStateException("Checkout " + session.id() + " could not be posted: " + result));
            });
        });
    }

    /** A refund to the payer's wallet from the merchant's account; at most what was captured, in total. */
    Mono<Refunded> refund(MerchantId merchant, CheckoutSessionId id, Long requested, String reason) {
        if (reason != null && (reason.length() > 500 || CONTROL.matcher(reason).find())) {
            return Mono.error(ProblemException.badRequest("invalid_reason", "A reason is one line of at most 500 characters."));
        }
        return transactional.transactional(sessions.lock(id).filter(s -> s.merchantId().equals(merchant))
                .switchIfEmpty(Mono.error(CheckoutService::notFound))
                .flatMap(session -> {
                    var decision = Checkouts.refund(session.status(), session.amount(), session.refunded(), requested);
                    if (decision instanceof Checkouts.Refusal refusal) {
                        return Mono.error(problem(refusal));
                    }
                    var amount = (Long) decision;
                    var refundId = UUID.randomUUID();
                    return Mono.zip(merchants.find(merchant), payments.wallet(session.payerId())).flatMap(t -> ledger.post(Transfer.between(
                            new TransferId(refundId), "CHECKOUT_REFUND", refundId.toString(), t.getT1().account(), "Refund " + session.id(),
                            t.getT2().account(), "Refund from " + t.getT1().name(), Money.eur(amount))).flatMap(result -> switch (result) {
                        case TransferResult.Posted posted -> {
                            var refunded = new Refunded(refundId, session, amount);
                            yield sessions.refund(id, merchant, refundId, amount, reason, posted.at())
                                    .then(outbox.append(new RefundSucceeded(refundId, id, merchant, t.getT1().name(), session.payerId(), Money.eur(amount),
                                            Money.eur(session.refunded() + amount), reason, posted.at())))
                                    .thenReturn(refunded);
                        }
                        case TransferResult.InsufficientFunds f -> Mono.error(ProblemException.unprocessable("insufficient_funds",
                                "The merchant's balance is lower than the refund."));
                        default -> Mono.error(new IllegalStateException("Refund of " + id + " could not be posted: " + result));
                    }));
                }));
    }

    static ProblemException problem(Checkouts.Refusal refusal) {
        return new ProblemException(refusal.status(), refusal.code(), refusal.detail());
    }

    static ProblemException notFound() {
        return ProblemException.notFound("session_not_found", "No such checkout session.");
    }
}
