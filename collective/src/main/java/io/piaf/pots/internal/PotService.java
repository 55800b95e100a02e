package io.piaf.pots.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.common.Slugs;
import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.messaging.Messaging;
import io.piaf.messaging.TimelineItem;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentOrder;
import io.piaf.payments.PaymentOrders;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.Payments;
import io.piaf.payments.PendingPayment;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.pots.PotClosed;
import io.piaf.pots.PotId;
import io.piaf.pots.PotOpened;
import io.piaf.pots.PotWithdrawn;
import io.piaf.pots.internal.domain.ContributionPrivacy;
import io.piaf.pots.internal.domain.PotAmounts;
import io.piaf.pots.internal.domain.PotRules;
import reactor.core.publisher.Mono;

/**
 * Opens pots, takes contributions, withdraws and closes. Each write is one transaction that locks the pot, asks
 * {@link PotRules}, then writes its rows, the ledger transfer or payment, and its event together.
 */
@Service
class PotService {

    /** What an organiser asks for; amounts in cents, optional fields null. */
    record NewPot(UserId organiser, String title, String description, Long target, Instant endsAt,
            ContributionPrivacy.Visibility visibility, String slug) {
    }

    /** What a contributor asks for. {@code sourceId} is the post id when by post. */
    record NewContribution(UserId contributor, PotId pot, long amount, boolean anonymous, boolean hideAmount, String note,
            PaymentSource source, String sourceId) {
    }

    record Contribution(UUID id, PotRow pot, PendingPayment payment) {
    }

    record Withdrawal(UUID id, long amount, TransferId transfer) {
    }

    private final PotStore pots;
    private final Identity identity;
    private final Ledger ledger;
    private final Payments payments;
    private final PaymentOrders orders;
    private final Messaging messaging;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    PotService(PotStore pots, Identity identity, Ledger ledger, Payments payments, PaymentOrders orders, Messaging messaging,
            Outbox outbox, ReactiveTransactionManager transactions) {
        this.pots = pots;
        this.identity = identity;
        this.ledger = ledger;
        this.payments = payments;
        this.orders = orders;
        this.messaging = messaging;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<PotRow> open(NewPot request) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PotRules.creation(request.title(), request.description(), request.target(), request.endsAt(), now).ifPresent(r -> {
            throw problem(r);
        });
        if (request.slug() != null && !Slugs.isValid(request.slug())) {
            throw ProblemException.badRequest("invalid_slug", "A pot's address is 3 to 40 of a-z, 0-9 and '-', e.g. anniv-lea.");
        }
        return identity.find(request.organiser())
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(organiser -> {
                    var base = request.slug() != null ? request.slug() : Slugs.fromTitle(request.title(), "pot");
                    return insert(request, organiser.handle(), base, 1, now);
                });
    }

    /** Tries the slug, then (for a slug made from the title) "-2", "-3"… in separate transactions. */
    private Mono<PotRow> insert(NewPot request, String handle, String base, int attempt, Instant now) {
        var slug = attempt == 1 ? base : Slugs.alternative(base, attempt);
        var pot = new PotRow(PotId.random(), slug, request.organiser(), handle, request.title().strip(),
                blankToNull(request.description()), request.target(), request.endsAt(), request.visibility(),
                new AccountId(UUID.randomUUID()), false, 0, 0, 0, now);
        var write = pots.insert(pot).flatMap(inserted -> !inserted ? Mono.just(false)
                : ledger.openUserAccount(pot.account(), pot.organiser(), "POT")
                        .then(outbox.append(new PotOpened(pot.id(), slug, pot.organiser(), handle, pot.title(),
                                pot.target() == null ? null : Money.eur(pot.target()), pot.endsAt(), now)))
                        .then(messaging.publish(announcement(pot)))
                        .thenReturn(true));
        return transactional.transactional(write).flatMap(inserted -> {
            if (inserted) {
                return Mono.just(pot);
            }
            if (request.slug() != null || attempt >= 20) {
                return Mono.error(ProblemException.conflict("slug_taken", "@pot/" + slug + " is taken; choose another address."));
            }
            return insert(request, handle, base, attempt + 1, now);
        });
    }

    /** The post that announces the pot, public, in the organiser's name. */
    private static TimelineItem announcement(PotRow pot) {
        var target = pot.target() == null ? "" : " · " + PotAmounts.format(pot.target()) + " €";
        return new TimelineItem(pot.id().value(), "pot_opened", pot.organiser(), Set.of(pot.organiser()), Visibility.PUBLIC,
                pot.organiserHandle() + " opened a money pot: " + pot.title() + target + " · @pot/" + pot.slug(),
                Map.of(), pot.createdAt());
    }

    /**
     * A contribution waiting for the contributor's PIN: the payment (into the pot's account) and the contribution
     * that follows it commit together. The receipt is private: the pot's page says who may see what.
     */
    Mono<Contribution> contribute(NewContribution request) {
        var id = UUID.randomUUID();
        return transactional.transactional(pots.lock(request.pot()).switchIfEmpty(Mono.error(PotService::notFound)).flatMap(pot -> {
            var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            PotRules.contribution(pot.rules(), now).ifPresent(r -> {
                throw problem(r);
            });
            var order = new PaymentOrder(request.contributor(), pot.organiserHandle(), "pot/" + pot.slug(), pot.account(),
                    Money.eur(request.amount()), request.note(), PaymentVisibility.PRIVATE, request.source(), request.sourceId());
            return identity.find(request.contributor()).flatMap(contributor -> orders.request(order).flatMap(payment -> pots.insert(
                    new ContributionRow(id, pot.id(), contributor.id(), contributor.handle(), request.amount(), request.anonymous(),
                            request.hideAmount(), request.note(), payment.id(), "PENDING", now, null))
                    .thenReturn(new Contribution(id, pot, payment))));
        }));
    }

    /** Moves {@code amount} (all when null) from the pot to the organiser's wallet. Someone else's pot is not found. */
    Mono<Withdrawal> withdraw(UserId caller, PotId potId, Long amount) {
        return transactional.transactional(pots.lock(potId).filter(p -> p.organiser().equals(caller))
                .switchIfEmpty(Mono.error(PotService::notFound))
                .flatMap(pot -> ledger.balance(pot.account()).defaultIfEmpty(Money.eur(0)).flatMap(balance -> {
                    var decision = PotRules.withdrawal(balance.minorUnits(), amount);
                    if (decision.refusal() != null) {
                        return Mono.error(problem(decision.refusal()));
                    }
                    var id = UUID.randomUUID();
                    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return payments.wallet(caller).flatMap(wallet -> ledger.post(Transfer.between(TransferId.random(), "POT_WITHDRAWAL",
                            id.toString(), pot.account(), "Withdrawn to @" + pot.organiserHandle(), wallet.account(),
                            "From the pot @pot/" + pot.slug(), Money.eur(decision.amount()))))
                            .flatMap(result -> switch (result) {
                                case TransferResult.Posted posted -> pots.withdraw(pot.id(), id, decision.amount(), posted.id(), now)
                                        .then(outbox.append(new PotWithdrawn(pot.id(), caller, Money.eur(decision.amount()), posted.id(), now)))
                                        .thenReturn(new Withdrawal(id, decision.amount(), posted.id()));
                                default -> Mono.error(ProblemException.unprocessable("insufficient_funds", "This pot no longer holds that much."));
                            });
                })));
    }

    Mono<PotRow> close(UserId caller, PotId potId) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return transactional.transactional(pots.lock(potId).filter(p -> p.organiser().equals(caller))
                .switchIfEmpty(Mono.error(PotService::notFound))
                .flatMap(pot -> pot.closed() ? Mono.just(pot)
                        : pots.close(pot.id(), now).then(outbox.append(new PotClosed(pot.id(), caller, now))).then(pots.find(pot.id()))));
    }

    static ProblemException notFound() {
        return ProblemException.notFound("pot_not_found", "No such pot.");
    }

    static ProblemException problem(PotRules.Refusal r) {
        return new ProblemException(r.status(), r.code(), r.detail());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
