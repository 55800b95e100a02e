package io.piaf.cards.internal;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.cards.internal.CardViews.CardView;
import io.piaf.cards.internal.CardViews.ControlsView;
import io.piaf.cards.internal.CardViews.MoneyJson;
import io.piaf.cards.internal.CardViews.Revealed;
import io.piaf.cards.internal.domain.CardStatus;
import io.piaf.cards.internal.domain.CardType;
import io.piaf.cards.internal.domain.CardVerification;
import io.piaf.cards.internal.domain.Controls;
import io.piaf.cards.internal.domain.Pan;
import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.Pin;
import io.piaf.identity.PinCheck;
import io.piaf.identity.UserId;
import io.piaf.payments.Payments;
import reactor.core.publisher.Mono;

/** The holder's side: issue, list, freeze, control, reveal (after the PIN), and the purchases of a card. */
@Service
class CardService {

    private final CardStore cards;
    private final IssuerStore issuer;
    private final PanCipher cipher;
    private final CardVerification verification;
    private final Identity identity;
    private final Payments payments;
    private final CardsProperties properties;
    private final TransactionalOperator transactional;
    private final SecureRandom random = new SecureRandom();

    CardService(CardStore cards, IssuerStore issuer, PanCipher cipher, CardVerification verification, Identity identity,
            Payments payments, CardsProperties properties, ReactiveTransactionManager transactions) {
        this.cards = cards;
        this.issuer = issuer;
        this.cipher = cipher;
        this.verification = verification;
        this.identity = identity;
        this.payments = payments;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<CardView> issue(UserId user, String type) {
        CardType cardType;
        try {
            cardType = CardType.valueOf(type == null ? "VIRTUAL" : type);
        } catch (IllegalArgumentException e) {
            return Mono.error(ProblemException.badRequest("invalid_card_type", "A card's type is VIRTUAL or SINGLE_USE."));
        }
        return cards.countOpen(user).flatMap(open -> open >= properties.maxCardsPerUser()
                ? Mono.error(ProblemException.conflict("too_many_cards",
                        "You hold " + open + " cards, the most allowed: cancel one to issue another."))
                : Mono.zip(identity.find(user), payments.wallet(user)))
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(found -> {
                    var id = UUID.randomUUID();
                    var pan = Pan.issue(properties.bin(), random);
                    var expiry = YearMonth.now(properties.zone()).plusYears(properties.validityYears());
                    var sealed = cipher.encrypt(id, pan);
                    var row = new CardRow(id, user, found.getT2(), cardType, CardStatus.ACTIVE, pan.bin(), pan.last4(),
                            sealed.ciphertext(), sealed.keyId(), verification.currentKeyId(), expiry.getMonthValue(), expiry.getYear(),
                            cardholderName(found.getT1().displayName(), found.getT1().handle()), Controls.DEFAULTS, null, 0,
                            Instant.now());
                    return cards.insert(row, verification.lookup(pan)).thenReturn(view(row));
                });
    }

    Mono<List<CardView>> list(UserId user) {
        return cards.findByUser(user, CardViews.LIST_MAX).map(this::view).collectList();
    }

    Mono<CardView> get(UserId user, UUID id) {
        return existing(user, id).map(this::view);
    }

    Mono<CardView> change(UserId user, UUID id, CardStatus.Action action) {
        return existing(user, id).flatMap(card -> card.status().after(action)
                .map(next -> cards.setStatus(id, user, next))
                .orElseGet(() -> Mono.error(ProblemException.conflict("card_cancelled", "The card is cancelled; it cannot change any more."))))
                .switchIfEmpty(Mono.error(() -> ProblemException.conflict("card_cancelled", "The card is cancelled; it cannot change any more.")))
                .map(this::view);
    }

    record ControlsChange(Long perTransaction, Long daily, List<String> blockedMcc, Boolean online, Boolean contactless,
            List<String> blockedCountries) {
    }

    Mono<CardView> controls(UserId user, UUID id, ControlsChange change) {
        return transactional.transactional(existing(user, id).flatMap(card -> {
            if (card.status() == CardStatus.CANCELLED) {
                return Mono.error(ProblemException.conflict("card_cancelled", "The card is cancelled; it cannot change any more."));
            }
            Controls next;
            try {
                next = card.controls().with(change.perTransaction(), change.daily(), change.blockedMcc(), change.online(),
                        change.contactless(), change.blockedCountries());
            } catch (Controls.Invalid e) {
                return Mono.error(new ProblemException(400, "invalid_controls", e.getMessage(), Map.of("field", e.field())));
            }
            return cards.setControls(id, user, next);
        })).map(this::view);
    }

    /**
     * The full number and CVV after the PIN, each try audited. PIN failures count with payments' (one lockout), as
     * identity keeps them.
     */
    Mono<Revealed> reveal(UserId user, UUID id, String pinText) {
        var pin = Pin.parse(pinText);
        return existing(user, id).flatMap(card -> {
            if (card.status() == CardStatus.CANCELLED) {
                return Mono.error(ProblemException.conflict("card_cancelled", "The card is cancelled."));
            }
            return identity.checkPin(user, pin.digits()).flatMap(check -> switch (check) {
                case PinCheck.Accepted ok -> cards.audit(id, user, "REVEALED").then(Mono.fromSupplier(() -> {
                    var pan = cipher.decrypt(id, card.panCiphertext(), card.panKeyId());
                    return new Revealed(pan.digits(), verification.cvv(pan, card.expMonth(), card.expYear(), card.cvkId()), card.expMonth(),
                            card.expYear(), card.cardholderName(), Instant.now().plus(properties.revealFor()).toString());
                }));
                case PinCheck.Rejected wrong -> cards.audit(id, user, "WRONG_PIN").then(Mono.error(check.problem()));
                case PinCheck.Locked locked -> cards.audit(id, user, "PIN_LOCKED").then(Mono.error(check.problem()));
                case PinCheck.NotSet none -> cards.audit(id, user, "PIN_NOT_SET").then(Mono.error(check.problem()));
            });
        });
    }

    Mono<CardViews.TransactionPage> transactions(UserId user, UUID id, Integer limit, String cursor) {
        var size = Cursor.limit(limit, 20, 100);
        Instant beforeAt = null;
        UUID beforeId = null;
        if (cursor != null) {
            var parts = Cursor.decode(cursor, 2);
            try {
                beforeAt = Instant.parse(parts.get(0));
                beforeId = UUID.fromString(parts.get(1));
            } catch (RuntimeException e) {
                throw Cursor.invalid();
            }
        }
        var at = beforeAt;
        var before = beforeId;
        return existing(user, id).flatMap(card -> issuer.ofCard(id, user, at, before, size + 1).collectList()).map(rows -> {
            var items = rows.stream().limit(size).map(CardViews.TransactionView::of).toList();
            var next = rows.size() > size ? Cursor.encode(rows.get(size - 1).createdAt().toString(), rows.get(size - 1).id()) : null;
            return new CardViews.TransactionPage(items, next);
        });
    }

    private Mono<CardRow> existing(UserId user, UUID id) {
        return cards.find(id, user).switchIfEmpty(Mono.error(() -> ProblemException.notFound("card_not_found", "No such card.")));
    }

    CardView view(CardRow c) {
        var controls = c.controls();
        var spent = c.spentOn(LocalDate.now(properties.zone()));
        return new CardView(c.id().toString(), c.type().name(), c.status().name(), properties.brand(), c.bin(), c.last4(),
                c.expMonth(), c.expYear(), c.cardholderName(), new ControlsView(MoneyJson.of(controls.perTransaction()),
                        MoneyJson.of(controls.daily()), MoneyJson.of(spent), controls.blockedMcc().stream().sorted().toList(),
                        controls.online(), controls.contactless(), controls.blockedCountries().stream().sorted().toList()),
                c.createdAt().toString());
    }

    /** The name embossed: upper-case ASCII letters, spaces and hyphens, at most 26 characters (ISO 7813). */
    static String cardholderName(String displayName, String handle) {
        var ascii = Normalizer.normalize(displayName == null ? "" : displayName, Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z \\-]", "").strip().replaceAll(" +", " ").toUpperCase(java.util.Locale.ROOT);
        if (ascii.isEmpty()) {
            ascii = handle.replaceAll("[^A-Za-z]", "").toUpperCase(java.util.Locale.ROOT);
        }
        if (ascii.isEmpty()) {
            ascii = "PIAF CARDHOLDER";
        }
        return ascii.length() > 26 ? ascii.substring(0, 26).strip() : ascii;
    }
}
