package io.piaf.requests.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentOrder;
import io.piaf.payments.PaymentOrders;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.Payments;
import io.piaf.payments.PendingPayment;
import io.piaf.requests.MoneyRequestDeclined;
import io.piaf.requests.MoneyRequestReminded;
import io.piaf.requests.MoneyRequested;
import io.piaf.requests.RequestId;
import io.piaf.requests.internal.domain.RequestRules;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates requests, pays and declines items, reminds. Each write is one transaction: it locks what it changes, asks
 * {@link RequestRules}, then writes its rows, the payment order, and its events together.
 */
@Service
class RequestService {

    /** A reminder per item at most this often. */
    static final Duration REMINDER_INTERVAL = Duration.ofHours(1);

    /** A request with its items, in the order named. */
    record Request(RequestRow request, List<ItemRow> items) {
    }

    /** The payment an item waits on, new or answered again. */
    record Payment(RequestRow request, ItemRow item, PendingPayment payment) {
    }

    private final RequestStore store;
    private final Identity identity;
    private final Payments payments;
    private final PaymentOrders orders;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    RequestService(RequestStore store, Identity identity, Payments payments, PaymentOrders orders, Outbox outbox,
            ReactiveTransactionManager transactions) {
        this.store = store;
        this.identity = identity;
        this.payments = payments;
        this.orders = orders;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /**
     * Asks each payer of the plan for their share. {@code sourcePostId}: the post that asked (a post makes one request
     * however often its event comes: empty when it already did).
     */
    Mono<Request> create(UserId requester, RequestRules.Ask ask, PaymentSource source, String sourcePostId) {
        return identity.find(requester)
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(me -> {
                    var plan = RequestRules.plan(new RequestRules.Ask(me.handle(), ask.from(), ask.each(), ask.total(), ask.amounts(), ask.note()));
                    return switch (plan) {
                        case RequestRules.Plan.Refused refused -> Mono.error(problem(refused.refusal()));
                        case RequestRules.Plan.Shares shares -> identity.findByHandles(shares.shares().stream().map(RequestRules.Share::handle).toList())
                                .flatMap(users -> insert(me, ask, shares.shares(), users, source, sourcePostId));
                    };
                });
    }

    private Mono<Request> insert(UserSummary me, RequestRules.Ask ask, List<RequestRules.Share> shares, Map<String, UserSummary> users,
            PaymentSource source, String sourcePostId) {
        var unknown = shares.stream().map(RequestRules.Share::handle).filter(h -> !users.containsKey(h)).map(h -> "@" + h).toList();
        if (!unknown.isEmpty()) {
            return Mono.error(ProblemException.unprocessable("payer_not_found", "No such user: " + String.join(", ", unknown) + "."));
        }
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var note = ask.note() == null || ask.note().isBlank() ? null : ask.note().strip();
        var request = new RequestRow(RequestId.random(), me.id(), me.handle(), ask.each() != null ? "EACH" : "SPLIT", ask.total(), note, now);
        var items = new ArrayList<ItemRow>();
        for (int i = 0; i < shares.size(); i++) {
            var payer = users.get(shares.get(i).handle());
            items.add(new ItemRow(request.id(), i, payer.id(), payer.handle(), shares.get(i).amount(), RequestRules.Status.PENDING,
                    null, null, null, null, null, now, null));
        }
        return transactional.transactional(store.insert(request, source.name(), sourcePostId).flatMap(inserted -> !inserted ? Mono.empty()
                : store.insert(items)
                        .thenMany(Flux.fromIterable(items).concatMap(i -> outbox.append(new MoneyRequested(request.id(), me.id(), me.handle(),
                                i.payer(), i.payerHandle(), Money.eur(i.amount()), note, now))))
                        .then(Mono.just(new Request(request, List.copyOf(items))))));
    }

    /**
     * The payer's payment of their item, waiting for their PIN, into the requester's wallet; while one waits (and has
     * not expired) it is answered again rather than a second made.
     */
    Mono<Payment> pay(UserId payer, RequestId id) {
        return transactional.transactional(store.lock(id, payer).switchIfEmpty(Mono.error(RequestService::notFound)).flatMap(item -> {
            RequestRules.pay(item.rules()).ifPresent(r -> {
                throw problem(r);
            });
            return store.find(id).flatMap(request -> {
                var now = Instant.now();
                if (item.payment() != null && item.expiresAt().isAfter(now)) {
                    return Mono.just(new Payment(request, item, new PendingPayment(item.payment(), Money.eur(item.amount()),
                            request.requesterHandle(), item.challenge(), item.expiresAt())));
                }
                return payments.wallet(request.requester())
                        .switchIfEmpty(Mono.error(() -> ProblemException.unprocessable("payee_not_found", "The requester no longer has a wallet.")))
                        .flatMap(wallet -> orders.request(new PaymentOrder(payer, request.requesterHandle(), request.requesterHandle(),
                                wallet.account(), Money.eur(item.amount()), request.note(), null, PaymentSource.API, null)))
                        .flatMap(payment -> store.waitFor(id, payer, payment.id(), payment.challenge(), payment.expiresAt())
                                .thenReturn(new Payment(request, item, payment)));
            });
        }));
    }

    /** Declines the payer's item (again: nothing more); the requester is told once. */
    Mono<Request> decline(UserId payer, RequestId id) {
        return transactional.transactional(store.lock(id, payer).switchIfEmpty(Mono.error(RequestService::notFound)).flatMap(item -> {
            RequestRules.decline(item.rules()).ifPresent(r -> {
                throw problem(r);
            });
            return store.find(id).flatMap(request -> {
                if (item.status() != RequestRules.Status.PENDING) {
                    return Mono.just(request);
                }
                var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return store.decline(id, payer, now).then(outbox.append(new MoneyRequestDeclined(id, request.requester(), payer,
                        item.payerHandle(), Money.eur(item.amount()), now))).thenReturn(request);
            });
        })).flatMap(request -> store.item(id, payer).map(item -> new Request(request, List.of(item))));
    }

    /** Reminds every pending payer not reminded in the last hour; none → 429 {@code reminder_too_soon}. */
    Mono<List<ItemRow>> remind(UserId requester, RequestId id) {
        return transactional.transactional(store.find(id).filter(r -> r.requester().equals(requester))
                .switchIfEmpty(Mono.error(RequestService::notFound))
                .flatMap(request -> store.lockAll(id).collectList().flatMap(items -> {
                    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    var due = items.stream().filter(i -> RequestRules.remindable(i.rules(), i.remindedAt(), now, REMINDER_INTERVAL)).toList();
                    if (due.isEmpty()) {
                        return Mono.error(new ProblemException(429, "reminder_too_soon",
                                "Nobody to remind: every payer answered, or was reminded less than an hour ago."));
                    }
                    return Flux.fromIterable(due).concatMap(i -> store.reminded(id, i.payer(), now)
                            .then(outbox.append(new MoneyRequestReminded(id, requester, request.requesterHandle(), i.payer(), i.payerHandle(),
                                    Money.eur(i.amount()), request.note(), now)))).then(Mono.just(due));
                })));
    }

    static ProblemException notFound() {
        return ProblemException.notFound("request_not_found", "No such request.");
    }

    static ProblemException problem(RequestRules.Refusal r) {
        return new ProblemException(r.status(), r.code(), r.detail());
    }
}
