package io.piaf.cards.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.piaf.cards.CardAuthorizationDeclined;
import io.piaf.cards.CardAuthorized;
import io.piaf.cards.internal.IssuerStore.Answer;
import io.piaf.cards.internal.IssuerStore.Approval;
import io.piaf.cards.internal.IssuerStore.Sight;
import io.piaf.cards.internal.domain.Authorization;
import io.piaf.cards.internal.domain.AuthorizationRules;
import io.piaf.cards.internal.domain.CardVerification;
import io.piaf.cards.internal.domain.DeclineReason;
import io.piaf.cards.internal.domain.Pan;
import io.piaf.outbox.Outbox;
import io.piaf.platform.batching.MicroBatcher;
import io.piaf.payments.HoldId;
import io.piaf.payments.HoldResult;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import reactor.core.publisher.Mono;

/**
 * The issuer's real-time path: each network message in one transaction that claims its id (a duplicate gets the
 * first answer), decides, and — for an approval — places the hold on the wallet through payments' ledger: the one
 * synchronous call into another module, because the network waits for the answer. Events go out with the commit.
 * Lock order everywhere: card, then authorization, then (inside payments) the wallet account.
 */
@Service
class IssuerService {

    private final IssuerStore store;
    private final Ledger ledger;
    private final Outbox outbox;
    private final CardVerification verification;
    private final CardsProperties properties;
    private final PurchaseLifecycle lifecycle;
    private final TransactionalOperator transactional;
    private final Clock clock;
    /**
     * Approvals under load go many to a statement: the statement's cost (round trip, executor start, commit) is most
     * of what an approval costs, far more than its rows. Keyed by wallet, so a batch holds one approval per wallet
     * (and so per card: a card has one wallet), each decided as if alone, and a wallet keeps to one lane.
     */
    private final MicroBatcher<Approval, Boolean> approvals;
    /** The reads before the approvals, batched the same way: one read for the messages that queued meanwhile. */
    private final MicroBatcher<Sight, IssuerStore.Sighting> sightings;
    private final DistributionSummary batchSizes;

    IssuerService(IssuerStore store, Ledger ledger, Outbox outbox, CardVerification verification,
            CardsProperties properties, PurchaseLifecycle lifecycle, ReactiveTransactionManager transactions, MeterRegistry meters) {
        this.store = store;
        this.ledger = ledger;
        this.outbox = outbox;
        this.verification = verification;
        this.properties = properties;
        this.lifecycle = lifecycle;
        this.transactional = TransactionalOperator.create(transactions);
        this.clock = Clock.systemUTC();
        this.batchSizes = DistributionSummary.builder("piaf.cards.approval.batch")
                .description("Authorizations sent together in one approving statement (two or more)").baseUnit("authorizations")
                .register(meters);
        this.sightings = new MicroBatcher<>(properties.approvalLanes(), properties.approvalBatch(), Sight::messageId,
                store::sightAll, store::sight);
        this.approvals = new MicroBatcher<>(properties.approvalLanes(), properties.approvalBatch(), a -> a.hold().account(),
                this::together, this::alone);
    }

    Mono<Answer> handle(NetworkMessage message, byte[] bodyHash) {
        if (message.type().equals("AUTHORIZATION")) {
            return approveAtOnce(message, bodyHash)
                    .switchIfEmpty(Mono.defer(() -> transactional.transactional(authorize(message, bodyHash))
                            .retryWhen(Retries.onLockConflicts())));
        }
        var work = store.claim(message.id(), message.type(), bodyHash).flatMap(first -> first
                ? process(message).flatMap(answer -> store.answer(message.id(), answer).thenReturn(answer))
                : store.answerOf(message.id()));
        return transactional.transactional(work).retryWhen(Retries.onLockConflicts());
    }

    /**
     * The approval most authorizations are, in two statements and no transaction: the card read (or the message's
     * earlier answer), the rules applied to it, then one statement that writes everything if the card is still as
     * read ({@link IssuerStore#approveAtOnce}) — under load, one statement for the approvals of many wallets
     * ({@link #approvals}). Empty when this path cannot answer approved — an unknown card, a
     * decline by the rules, a card that changed meanwhile, short funds: the locked path ({@link #authorize}) then
     * decides again and answers, declines included, so every decline keeps one code path.
     */
    private Mono<Answer> approveAtOnce(NetworkMessage m, byte[] bodyHash) {
        var pan = Pan.parse(m.pan());
        if (pan.isEmpty() || !"EUR".equals(m.currency())) {
            return Mono.empty();
        }
        return sightings.submit(new Sight(m.id(), verification.lookup(pan.get()))).flatMap(seen -> {
            if (seen.earlier() != null) {
                return Mono.just(seen.earlier());
            }
            var card = seen.card();
            if (card == null) {
                return Mono.empty();
            }
            var now = Instant.now(clock);
            var today = LocalDate.ofInstant(now, properties.zone());
            var merchant = m.parsedMerchant();
            var cents = m.cents();
            var request = new Authorization(cents, merchant.mcc(), merchant.country(), m.parsedChannel(), m.expMonth(), m.expYear(),
                    m.cvc() != null, m.cvc() != null && verification.matches(pan.get(), card.expMonth(), card.expYear(), card.cvkId(), m.cvc()));
            if (AuthorizationRules.decide(card.state(today), request, YearMonth.from(now.atZone(properties.zone()))).isPresent()) {
                return Mono.empty();
            }
            var id = UUID.randomUUID();
            var amount = Money.eur(cents);
            var hold = ledger.composeHold(new HoldId(id), card.walletId().account(), amount, PurchaseLifecycle.memo(card.last4(), merchant));
            var event = outbox.compose(new CardAuthorized(new io.piaf.cards.CardAuthorizationId(id), card.ref(), amount, amount,
                    merchant, false, now));
            var row = new AuthorizationRow(id, card.id(), card.userId(), "PENDING", cents, cents, 0, 0, "EUR", merchant,
                    m.parsedChannel().name(), null, false, now, now);
            var approval = new Approval(m.id(), bodyHash, row, today, card.type() == io.piaf.cards.internal.domain.CardType.SINGLE_USE,
                    seen.decidedOn(), hold, event);
            return approvals.submit(approval)
                    .flatMap(approved -> {
                        if (!approved) {
                            return Mono.<Answer>empty();
                        }
                        outbox.committed(event);
                        return Mono.just(new Answer(true, id, null));
                    })
                    .onErrorResume(IssuerStore::isDuplicateClaim, duplicate -> store.answerOf(m.id()));
        });
    }

    /**
     * Approvals that queued while their lane's statement ran, in one statement ({@link IssuerStore#approveAll}). If
     * it fails (most often a message id claimed twice: a network duplicate in flight) each runs {@link #alone}, where
     * its own error, if any, is handled as a lone message's.
     */
    private Mono<List<Boolean>> together(List<Approval> batch) {
        batchSizes.record(batch.size());
        return store.approveAll(batch).retryWhen(Retries.onLockConflicts());
    }

    private Mono<Boolean> alone(Approval a) {
        return store.approveAtOnce(a.messageId(), a.bodyHash(), a.row(), a.today(), a.closeCard(), a.decidedOn(), a.hold(), a.event())
                .retryWhen(Retries.onLockConflicts());
    }

    private Mono<Answer> process(NetworkMessage m) {
        return switch (m.type()) {
            case "INCREMENTAL" -> lifecycle.increment(m.authorization(), m.cents(), m.currency());
            case "REVERSAL" -> (m.authorization() != null ? Mono.just(m.authorization()) : store.authorizationOfMessage(m.originalId()))
                    .flatMap(id -> lifecycle.reverse(id, m.cents(), false))
                    // a reversal of a message never received has nothing to undo
                    .defaultIfEmpty(new Answer(true, null, null));
            case "CLEARING" -> lifecycle.clear(m.authorization(), m.cents(), m.currency());
            case "REFUND" -> lifecycle.refund(m.authorization(), m.cents(), m.currency(), m.id());
            default -> Mono.error(new IllegalStateException("validated type " + m.type()));
        };
    }

    /**
     * The hot path, in as few round trips as the rules allow: the message claimed and the card locked in one statement,
     * the hold (payments), the issuer's writes and the answer in one statement, the event.
     */
    private Mono<Answer> authorize(NetworkMessage m, byte[] bodyHash) {
        var pan = Pan.parse(m.pan());
        if (pan.isEmpty()) {
            return store.claim(m.id(), m.type(), bodyHash).flatMap(first -> first
                    ? store.answer(m.id(), unknownCard()).thenReturn(unknownCard())
                    : store.answerOf(m.id()));
        }
        return store.claimAndLockCard(m.id(), bodyHash, verification.lookup(pan.get())).flatMap(claim -> {
            if (!claim.first()) {
                return store.answerOf(m.id());
            }
            if (claim.card() == null) {
                return store.answer(m.id(), unknownCard()).thenReturn(unknownCard());
            }
            return decide(m, pan.get(), claim.card());
        });
    }

    private static Answer unknownCard() {
        return new Answer(false, null, DeclineReason.UNKNOWN_CARD.code());
    }

    private Mono<Answer> decide(NetworkMessage m, Pan pan, CardRow card) {
        var now = Instant.now(clock);
        var today = LocalDate.ofInstant(now, properties.zone());
        var id = UUID.randomUUID();
        var cents = m.cents();
        var merchant = m.parsedMerchant();
        if (!"EUR".equals(m.currency())) {
            return decline(id, card, m, Math.max(cents, 1), DeclineReason.UNSUPPORTED_CURRENCY, now);
        }
        var request = new Authorization(cents, merchant.mcc(), merchant.country(), m.parsedChannel(), m.expMonth(), m.expYear(),
                m.cvc() != null, m.cvc() != null && verification.matches(pan, card.expMonth(), card.expYear(), card.cvkId(), m.cvc()));
        var refusal = AuthorizationRules.decide(card.state(today), request, YearMonth.from(now.atZone(properties.zone())));
        if (refusal.isPresent()) {
            return decline(id, card, m, Math.max(cents, 1), refusal.get(), now);
        }
        var amount = Money.eur(cents);
        return ledger.hold(new HoldId(id), card.walletId().account(), amount, PurchaseLifecycle.memo(card.last4(), merchant))
                .flatMap(held -> switch (held) {
                    case HoldResult.Held h -> store.approve(m.id(), new AuthorizationRow(id, card.id(), card.userId(), "PENDING",
                                    cents, cents, 0, 0, "EUR", merchant, m.parsedChannel().name(), null, false, now, now),
                                    today, card.type() == io.piaf.cards.internal.domain.CardType.SINGLE_USE)
                            .then(outbox.append(new CardAuthorized(new io.piaf.cards.CardAuthorizationId(id), card.ref(), amount,
                                    amount, merchant, false, now)))
                            .thenReturn(new Answer(true, id, null));
                    case HoldResult.InsufficientFunds shortOfMoney -> decline(id, card, m, cents, DeclineReason.INSUFFICIENT_FUNDS, now);
                    default -> Mono.error(new IllegalStateException("Hold on the wallet of card " + card.id() + ": " + held));
                });
    }

    /** A declined authorization on a known card: kept for the holder's list, and announced (a notification). */
    private Mono<Answer> decline(UUID id, CardRow card, NetworkMessage m, long cents, DeclineReason reason, Instant now) {
        var amount = Math.min(Math.max(cents, 1), Long.MAX_VALUE / 2);
        var currency = m.currency() != null && m.currency().matches("[A-Z]{3}") ? m.currency() : "EUR";
        var merchant = m.parsedMerchant();
        return store.decline(m.id(), new AuthorizationRow(id, card.id(), card.userId(), "DECLINED", amount, 0, 0, 0, currency,
                        merchant, m.parsedChannel().name(), reason.code(), false, now, now))
                .then(outbox.append(new CardAuthorizationDeclined(new io.piaf.cards.CardAuthorizationId(id), card.ref(),
                        "EUR".equals(currency) ? Money.eur(amount) : null, merchant, reason.code(), reason.words(), now)))
                .thenReturn(new Answer(false, id, reason.code()));
    }
}
