package io.piaf.cards.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.piaf.cards.CardAuthorizationDeclined;
import io.piaf.cards.CardAuthorizationReversed;
import io.piaf.cards.CardAuthorized;
import io.piaf.cards.CardRefunded;
import io.piaf.cards.CardTransactionCleared;
import io.piaf.cards.Merchant;
import io.piaf.cards.internal.IssuerStore.Answer;
import io.piaf.cards.internal.domain.AuthorizationRules;
import io.piaf.cards.internal.domain.CardType;
import io.piaf.cards.internal.domain.Clearing;
import io.piaf.cards.internal.domain.DeclineReason;
import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.HoldResult;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import reactor.core.publisher.Mono;

/**
 * What happens to an approved purchase after its authorization, each step inside the caller's transaction with the
 * card and then the authorization locked: an increment holds more, a reversal or an expiry releases, a clearing
 * captures the hold into a {@code CARD_PURCHASE} transfer to the card settlement account, a refund pays back.
 */
@Component
class PurchaseLifecycle {

    static final String UNKNOWN_AUTHORIZATION = "unknown_authorization";
    static final String AUTHORIZATION_CLOSED = "authorization_closed";

    private final IssuerStore store;
    private final CardStore cards;
    private final Ledger ledger;
    private final Outbox outbox;
    private final CardsProperties properties;
    private final Mono<AccountId> settlement;

    PurchaseLifecycle(IssuerStore store, CardStore cards, Ledger ledger, Outbox outbox, CardsProperties properties) {
        this.store = store;
        this.cards = cards;
        this.ledger = ledger;
        this.outbox = outbox;
        this.properties = properties;
        this.settlement = ledger.openSystemAccount("CARD_SETTLEMENT").cache();
    }

    /** The statement line of a card purchase; the card shows by its last four digits only. */
    static String memo(String last4, Merchant merchant) {
        return "Card ·· " + last4 + " · " + merchant.name();
    }

    private record Locked(CardRow card, AuthorizationRow auth) {
    }

    private Mono<Locked> lock(UUID authorization) {
        return store.cardOf(authorization).flatMap(cards::lock)
                .flatMap(card -> store.lock(authorization).map(auth -> new Locked(card, auth)));
    }

    Mono<Answer> increment(UUID authorization, long cents, String currency) {
        return lock(authorization).flatMap(l -> {
            var auth = l.auth();
            var card = l.card();
            var now = Instant.now();
            if (!auth.status().equals("PENDING")) {
                return Mono.just(new Answer(false, auth.id(), AUTHORIZATION_CLOSED));
            }
            var refusal = !"EUR".equals(currency) ? DeclineReason.UNSUPPORTED_CURRENCY
                    : AuthorizationRules.increment(card.status(), card.type() == CardType.SINGLE_USE, card.controls(),
                            card.spentOn(today(now)), auth.amount(), cents).orElse(null);
            if (refusal != null) {
                return declined(card, auth, cents, refusal, now);
            }
            var more = Money.eur(cents);
            return ledger.hold(auth.holdId(), card.walletId().account(), more, memo(card.last4(), auth.merchant()))
                    .flatMap(result -> switch (result) {
                        case HoldResult.Held h -> store.update(withAmounts(auth, auth.amount() + cents, h.remaining().minorUnits()))
                                .then(cards.spent(card.id(), today(now), cents, false))
                                .then(outbox.append(new CardAuthorized(auth.authorizationId(), card.ref(), more, h.remaining(),
                                        auth.merchant(), true, now)))
                                .thenReturn(new Answer(true, auth.id(), null));
                        case HoldResult.InsufficientFunds shortOfMoney -> declined(card, auth, cents, DeclineReason.INSUFFICIENT_FUNDS, now);
                        default -> Mono.error(new IllegalStateException("Increment of " + auth.id() + ": " + result));
                    });
        }).defaultIfEmpty(new Answer(false, null, UNKNOWN_AUTHORIZATION));
    }

    /** Releases {@code cents} of the hold, or all of it when null; a closed authorization has nothing left to release. */
    Mono<Answer> reverse(UUID authorization, Long cents, boolean expired) {
        return lock(authorization).flatMap(l -> {
            var auth = l.auth();
            if (!auth.status().equals("PENDING")) {
                return Mono.just(new Answer(true, auth.id(), null));
            }
            if (cents != null && cents <= 0) {
                return Mono.just(new Answer(false, auth.id(), DeclineReason.INVALID_AMOUNT.code()));
            }
            var now = Instant.now();
            return ledger.release(auth.holdId(), cents == null ? null : Money.eur(cents)).flatMap(result -> {
                var remaining = result instanceof HoldResult.Released r ? r.remaining().minorUnits() : 0;
                var released = auth.held() - remaining;
                var after = new AuthorizationRow(auth.id(), auth.cardId(), auth.userId(), remaining == 0 ? "REVERSED" : "PENDING",
                        auth.amount(), remaining, auth.captured(), auth.refunded(), auth.currency(), auth.merchant(),
                        auth.channel(), null, expired, auth.createdAt(), now);
                return store.update(after)
                        .then(outbox.append(new CardAuthorizationReversed(auth.authorizationId(), l.card().ref(),
                                Money.eur(released), Money.eur(remaining), auth.merchant(), expired, now)))
                        .thenReturn(new Answer(true, auth.id(), null));
            });
        }).defaultIfEmpty(new Answer(false, null, UNKNOWN_AUTHORIZATION));
    }

    /**
     * Captures the hold: less than authorized releases the rest; more is taken up to the tolerance when the wallet
     * has it available, else the authorized amount is what the issuer pays the network for.
     */
    Mono<Answer> clear(UUID authorization, long cents, String currency) {
        return lock(authorization).flatMap(l -> {
            var auth = l.auth();
            if (auth.status().equals("DECLINED")) {
                return Mono.just(new Answer(false, auth.id(), UNKNOWN_AUTHORIZATION));
            }
            if (auth.status().equals("CLEARED") || auth.status().equals("REFUNDED")) {
                return Mono.just(new Answer(false, auth.id(), "already_cleared"));
            }
            if (!"EUR".equals(currency) || cents <= 0) {
                return Mono.just(new Answer(false, auth.id(), !"EUR".equals(currency)
                        ? DeclineReason.UNSUPPORTED_CURRENCY.code() : DeclineReason.INVALID_AMOUNT.code()));
            }
            var capture = Clearing.capture(auth.amount(), cents, properties.overCaptureTolerancePercent());
            return post(l, capture).flatMap(result -> result instanceof TransferResult.InsufficientFunds && capture > auth.held() && auth.held() > 0
                    ? post(l, auth.held()).map(r -> new Object[] { r, auth.held() })
                    : Mono.just(new Object[] { result, capture }))
                    .flatMap(pair -> switch ((TransferResult) pair[0]) {
                        case TransferResult.Posted posted -> cleared(l, (long) pair[1], posted.id());
                        case TransferResult.InsufficientFunds shortOfMoney ->
                            Mono.just(new Answer(false, auth.id(), DeclineReason.INSUFFICIENT_FUNDS.code()));
                        default -> Mono.error(new IllegalStateException("Clearing of " + auth.id() + ": " + pair[0]));
                    });
        }).defaultIfEmpty(new Answer(false, null, UNKNOWN_AUTHORIZATION));
    }

    private Mono<TransferResult> post(Locked l, long cents) {
        var memo = memo(l.card().last4(), l.auth().merchant());
        return settlement.flatMap(to -> ledger.capture(l.auth().holdId(), Transfer.between(TransferId.random(), "CARD_PURCHASE",
                l.auth().id().toString(), l.card().walletId().account(), memo, to, memo, Money.eur(cents))));
    }

    private Mono<Answer> cleared(Locked l, long captured, TransferId transfer) {
        var auth = l.auth();
        var now = Instant.now();
        return store.update(new AuthorizationRow(auth.id(), auth.cardId(), auth.userId(), "CLEARED", auth.amount(), 0, captured,
                        auth.refunded(), auth.currency(), auth.merchant(), auth.channel(), null, false, auth.createdAt(), now))
                .then(outbox.append(new CardTransactionCleared(auth.authorizationId(), l.card().ref(), Money.eur(captured),
                        auth.merchant(), transfer, now)))
                .thenReturn(new Answer(true, auth.id(), null));
    }

    /** Pays back part or all of a cleared purchase; {@code messageId} makes each refund its own ledger transfer. */
    Mono<Answer> refund(UUID authorization, long cents, String currency, String messageId) {
        return lock(authorization).flatMap(l -> {
            var auth = l.auth();
            if (!auth.status().equals("CLEARED") && !auth.status().equals("REFUNDED")) {
                return Mono.just(new Answer(false, auth.id(), "not_cleared"));
            }
            if (!"EUR".equals(currency) || cents <= 0 || cents > auth.captured() - auth.refunded()) {
                return Mono.just(new Answer(false, auth.id(), !"EUR".equals(currency)
                        ? DeclineReason.UNSUPPORTED_CURRENCY.code() : DeclineReason.INVALID_AMOUNT.code()));
            }
            var memo = "Refund · " + memo(l.card().last4(), auth.merchant());
            var now = Instant.now();
            return settlement.flatMap(from -> ledger.post(Transfer.between(TransferId.random(), "CARD_REFUND", messageId, from,
                    memo, l.card().walletId().account(), memo, Money.eur(cents)))).flatMap(result -> {
                        if (!(result instanceof TransferResult.Posted posted)) {
                            return Mono.error(new IllegalStateException("Refund of " + auth.id() + ": " + result));
                        }
                        var refunded = auth.refunded() + cents;
                        return store.update(new AuthorizationRow(auth.id(), auth.cardId(), auth.userId(),
                                        refunded == auth.captured() ? "REFUNDED" : "CLEARED", auth.amount(), 0, auth.captured(), refunded,
                                        auth.currency(), auth.merchant(), auth.channel(), null, false, auth.createdAt(), now))
                                .then(outbox.append(new CardRefunded(auth.authorizationId(), l.card().ref(), Money.eur(cents),
                                        auth.merchant(), posted.id(), now)))
                                .thenReturn(new Answer(true, auth.id(), null));
                    });
        }).defaultIfEmpty(new Answer(false, null, UNKNOWN_AUTHORIZATION));
    }

    private Mono<Answer> declined(CardRow card, AuthorizationRow auth, long cents, DeclineReason reason, Instant now) {
        return outbox.append(new CardAuthorizationDeclined(auth.authorizationId(), card.ref(), Money.eur(Math.max(cents, 1)),
                auth.merchant(), reason.code(), reason.words(), now)).thenReturn(new Answer(false, auth.id(), reason.code()));
    }

    private static AuthorizationRow withAmounts(AuthorizationRow a, long amount, long held) {
        return new AuthorizationRow(a.id(), a.cardId(), a.userId(), a.status(), amount, held, a.captured(), a.refunded(),
                a.currency(), a.merchant(), a.channel(), a.declineReason(), a.expired(), a.createdAt(), Instant.now());
    }

    private LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, properties.zone());
    }
}
