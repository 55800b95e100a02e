package io.piaf.payments.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.AccountKind;
import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;
import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.Challenge;
import io.piaf.payments.internal.domain.PaymentRequestRules;
import io.piaf.payments.internal.domain.Refusal;
import io.piaf.platform.batching.MicroBatcher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates payments, from the API, a post or a direct message. The rules are {@link PaymentRequestRules}'; this service
 * reads what they judge on, writes what they accept, and announces it. Set-based: the API's concurrent requests are
 * gathered by a {@link MicroBatcher} and a relay batch of posts arrives together; either way the directory and the
 * wallets are read in three queries, the payments (and their Idempotency-Keys) inserted in one statement and their
 * events in one, however many there are.
 */
@Service
class PaymentRequests {

    /**
     * What a payer asks for.
     *
     * @param mustBeCharity a {@code #don}: the payee must be a verified charity
     * @param sourceId the post or message id: a source makes at most one payment
     */
    record NewPayment(UserId payer, String payeeHandle, long amount, String note, PaymentVisibility requestedVisibility,
            boolean mustBeCharity, PaymentSource source, String sourceId, AccountId into, String payeeLabel) {

        NewPayment(UserId payer, String payeeHandle, long amount, String note, PaymentVisibility requestedVisibility,
                boolean mustBeCharity, PaymentSource source, String sourceId) {
            this(payer, payeeHandle, amount, note, requestedVisibility, mustBeCharity, source, sourceId, null, null);
        }
    }

    /** An API request's Idempotency-Key (already well formed) and the fingerprint of its body. */
    record Key(String value, byte[] fingerprint) {
    }

    /** What became of a request. */
    sealed interface Outcome {

        /** The payment, new — or the one its post or message had already made. */
        record Created(PaymentRow payment) implements Outcome {
        }

        /** Its Idempotency-Key was used before: the first request's response, or why it cannot be replayed. */
        record Replayed(Mono<Idempotency.Response> response) implements Outcome {
        }

        record Refused(Refusal why) implements Outcome {
        }
    }

    private record Request(NewPayment payment, Key key) {
    }

    /** What the rules judged a request on, and the row to write when they accept it. */
    private record Judged(Request request, Refusal refusal, PaymentRow row) {
    }

    private final Identity identity;
    private final WalletService wallets;
    private final PaymentStore payments;
    private final Idempotency idempotency;
    private final Outbox outbox;
    private final PaymentsProperties properties;
    private final JsonMapper json;
    private final TransactionalOperator transactional;
    private final MicroBatcher<Request, Outcome> batches;

    PaymentRequests(Identity identity, WalletService wallets, PaymentStore payments, Idempotency idempotency, Outbox outbox,
            PaymentsProperties properties, JsonMapper json, ReactiveTransactionManager transactions) {
        this.identity = identity;
        this.wallets = wallets;
        this.payments = payments;
        this.idempotency = idempotency;
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.transactional = TransactionalOperator.create(transactions);
        // One request per payer in a batch: each is judged against its own daily total.
        this.batches = new MicroBatcher<>(properties.creationLanes(), properties.creationBatch(), r -> r.payment().payer(),
                batch -> createAll(batch, transactional::transactional),
                one -> createAll(List.of(one), transactional::transactional).map(List::getFirst)
                        .retryWhen(TransientFailures.retry()));
    }

    /** An API request, committed together with the ones that arrive meanwhile. {@code key} may be null. */
    Mono<Outcome> request(NewPayment payment, Key key) {
        return batches.submit(new Request(payment, key));
    }

    /** Commands of a relay batch (pay by post, in a DM), in the listener's transaction; one outcome each, in order. */
    Mono<List<Outcome>> requestAll(List<NewPayment> commands) {
        return createAll(commands.stream().map(c -> new Request(c, null)).toList(), Function.identity());
    }

    /**
     * Reads what the rules need (outside any transaction of its own), judges every request, then writes the accepted
     * ones inside {@code inTransaction} (a new transaction, or none when the caller already runs in one).
     */
    private Mono<List<Outcome>> createAll(List<Request> requests, Function<Mono<List<Outcome>>, Mono<List<Outcome>>> inTransaction) {
        return judge(requests).flatMap(judged -> inTransaction.apply(write(judged)));
    }

    private Mono<List<Judged>> judge(List<Request> requests) {
        var payerIds = requests.stream().map(r -> r.payment().payer()).distinct().toList();
        var handles = requests.stream().map(r -> r.payment().payeeHandle()).distinct().toList();
        return Mono.zip(identity.findAll(payerIds), identity.findByHandles(handles)).flatMap(users -> {
            var payers = users.getT1();
            var payees = users.getT2();
            var parties = new HashSet<UserId>(payers.keySet());
            payees.values().forEach(u -> parties.add(u.id()));
            return wallets.walletsOf(List.copyOf(parties)).map(walletsByUser -> {
                var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                return requests.stream().map(r -> judge(r, payers.get(r.payment().payer()),
                        payees.get(r.payment().payeeHandle()), walletsByUser, now)).toList();
            });
        });
    }

    private Judged judge(Request request, UserSummary payer, UserSummary payee, Map<UserId, WalletRow> walletsByUser, Instant now) {
        var payment = request.payment();
        if (payer == null) {
            return new Judged(request, new Refusal.UnknownPayer(), null);
        }
        var payerWallet = walletsByUser.get(payer.id());
        var payeeWallet = payee == null ? null : walletsByUser.get(payee.id());
        var facts = new PaymentRequestRules.Request(payer.id(), payer.pinSet(), payment.payeeHandle(),
                payee == null ? null : new PaymentRequestRules.Payee(payee.id(), payee.handle(), payee.kind() == AccountKind.CHARITY),
                payment.amount(), payment.mustBeCharity(), payerWallet == null ? 0 : payerWallet.sentSoFarToday());
        var refusal = PaymentRequestRules.refusal(facts, properties.limits());
        if (refusal.isPresent()) {
            return new Judged(request, refusal.get(), null);
        }
        Objects.requireNonNull(payerWallet, "payer's wallet");
        Objects.requireNonNull(payeeWallet, "payee's wallet");
        var id = PaymentId.random();
        var row = new PaymentRow(id,
                new PaymentRow.Side(payer.id(), payerWallet.id(), payer.handle()),
                new PaymentRow.Side(payee.id(), payeeWallet.id(), payment.payeeLabel() != null ? payment.payeeLabel() : payee.handle()),
                new PaymentRow.Terms(payment.amount(), "EUR", payment.note(), payee.kind(), payment.requestedVisibility(),
                        Challenge.digest(id.value(), payer.id().value(), payee.id().value(), payment.amount(), "EUR",
                                payment.into() == null ? null : payment.into().value()), payment.into()),
                new PaymentRow.Origin(payment.source(), payment.sourceId()),
                PaymentRow.State.pending(now, now.plus(properties.confirmationWindow())));
        return new Judged(request, null, row);
    }

    /** Inserts the accepted payments with their keys, announces the new ones, and tells every request what became of it. */
    private Mono<List<Outcome>> write(List<Judged> judged) {
        var accepted = judged.stream().filter(j -> j.row() != null).toList();
        var rows = accepted.stream().map(j -> new PaymentStore.NewPayment(j.row(), storedKey(j))).toList();
        var inserting = rows.isEmpty() ? Mono.just(Set.<PaymentId>of())
                : payments.insertAll(rows, properties.idempotencyRetention()).collect(HashSet<PaymentId>::new, Set::add);
        return inserting.flatMap(inserted -> existing(accepted, inserted).flatMap(bySource -> {
            var outcomes = new ArrayList<Outcome>();
            var events = new ArrayList<Object>();
            for (var j : judged) {
                if (j.refusal() != null) {
                    outcomes.add(new Outcome.Refused(j.refusal()));
                } else if (inserted.contains(j.row().id())) {
                    outcomes.add(new Outcome.Created(j.row()));
                    events.add(PaymentEvents.requested(j.row()));
                } else if (j.request().key() != null) {
                    var key = j.request().key();
                    outcomes.add(new Outcome.Replayed(idempotency.replay(j.row().payerId(), key.value(), key.fingerprint())));
                } else {
                    var made = bySource.get(j.row().origin().sourceId());
                    if (made == null) {
                        return Mono.error(new IllegalStateException("Payment " + j.row().id() + " was neither inserted nor found"));
                    }
                    outcomes.add(new Outcome.Created(made));
                }
            }
            return outbox.appendAll(events).thenReturn(List.copyOf(outcomes));
        }));
    }

    /** The payments that posts or messages of this batch had already made, by source id. */
    private Mono<Map<String, PaymentRow>> existing(List<Judged> accepted, Set<PaymentId> inserted) {
        var bySource = new HashMap<PaymentSource, List<String>>();
        accepted.stream().filter(j -> !inserted.contains(j.row().id()) && j.request().key() == null && j.row().origin().sourceId() != null)
                .forEach(j -> bySource.computeIfAbsent(j.row().source(), s -> new ArrayList<>()).add(j.row().origin().sourceId()));
        return Flux.fromIterable(bySource.entrySet())
                .concatMap(e -> payments.findBySources(e.getKey(), e.getValue()))
                .collectMap(p -> p.origin().sourceId());
    }

    /** The key a request claims, with the response a retry gets: the payment as its payer sees it, just created. */
    private PaymentStore.Key storedKey(Judged j) {
        var key = j.request().key();
        return key == null ? null : new PaymentStore.Key(key.value(), key.fingerprint(),
                json.writeValueAsString(PaymentViews.forParty(j.row(), j.row().payerId())));
    }
}
