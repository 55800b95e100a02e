package io.piaf.payments.internal;

import java.time.YearMonth;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Party;
import io.piaf.payments.TopUpId;
import io.piaf.payments.TopUpSucceeded;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.payments.internal.TopUpStore.TopUpRow;
import io.piaf.payments.internal.domain.Amounts;
import io.piaf.payments.internal.domain.Card;
import io.piaf.platform.logging.RequestLogs;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Top-ups: money from a card into a wallet. The top-up is recorded before the card is charged and settled after, so
 * that no charge is ever lost: a crash in between leaves a pending top-up that the reconciler settles by asking the
 * rail (charges are idempotent on the top-up id). Settling posts the transfer from the card rail's clearing account
 * — whose kind and reference are unique, so a top-up is credited once however many processes settle it.
 */
@Service
class TopUpService {

    private static final Logger log = LoggerFactory.getLogger(TopUpService.class);
    static final AccountId CARD_RAIL_CLEARING = new AccountId(java.util.UUID.fromString("00000000-0000-0000-0000-00000000c1ea"));

    private final TopUpStore topUps;
    private final WalletService wallets;
    private final CardRail rail;
    private final Ledger ledger;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final Fingerprints fingerprints;
    private final PaymentsProperties properties;
    private final JsonMapper json;
    private final TransactionalOperator transactional;
    private final TopUpVelocity velocity;

    TopUpService(TopUpStore topUps, WalletService wallets, CardRail rail, Ledger ledger, Outbox outbox,
            Idempotency idempotency, Fingerprints fingerprints, PaymentsProperties properties, JsonMapper json,
            ReactiveTransactionManager transactions, TopUpVelocity velocity) {
        this.velocity = velocity;
        this.topUps = topUps;
        this.wallets = wallets;
        this.rail = rail;
        this.ledger = ledger;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.fingerprints = fingerprints;
        this.properties = properties;
        this.json = json;
        this.transactional = TransactionalOperator.create(transactions);
    }

    @Schema(name = "CardInput", description = "A card to charge; sandbox test cards in docs/api.md")
    record CardJson(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9][0-9 -]{10,24}[0-9]$", maxLength = 26,
                    description = "12 to 19 digits; spaces and dashes allowed", example = "4242424242424242") String number,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "12") Integer expMonth,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "9999", description = "2 or 4 digits") Integer expYear,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{3,4}$", maxLength = 4, format = "password",
                    description = "3 digits, 4 for Amex") String cvc) {

        @Override
        public String toString() {
            return "CardJson[redacted]";
        }
    }

    @Schema(name = "TopUpRequest")
    record TopUpRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, implementation = MoneyJson.Input.class) MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED) CardJson card) {
    }

    @Schema(name = "Card", description = "A card as Piaf shows it: never its number")
    record CardView(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "visa", "mastercard", "amex", "unknown" }) String brand,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4) String last4) {
    }

    @Schema(name = "TopUp")
    record TopUpView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "SUCCEEDED") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED) CardView card,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "The wallet's balance after the top-up") MoneyJson balance,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt) {
    }

    Mono<Idempotency.Response> topUp(UserId user, String key, TopUpRequest request) {
        return Mono.defer(() -> {
            if (request == null) {
                throw Amounts.invalid("An amount and a card are required.");
            }
            var cents = MoneyJson.cents(request.amount());
            if (cents > properties.maxTopUpCents()) {
                throw new ProblemException(422, "limit_exceeded", "A top-up is at most " + Amounts.format(properties.maxTopUpCents())
                        + " EUR.", Map.of("limit", Amounts.format(properties.maxTopUpCents()), "limitType", "top_up"));
            }
            var c = request.card();
            if (c == null) {
                throw ProblemException.badRequest("invalid_card", "A card is required.");
            }
            var card = Card.of(c.number(), c.expMonth(), c.expYear(), c.cvc(), YearMonth.now(properties.zone()));
            var fingerprint = fingerprints.of("POST /api/wallet/top-ups", Long.toString(cents), card.number(),
                    card.expiry().toString(), card.cvc());
            var cardFingerprint = fingerprints.of("card", card.number());
            return idempotency.execute(user, key, fingerprint, completion -> velocity.check(user, cardFingerprint, cents)
                    .then(run(user, key, cents, card, cardFingerprint, completion)));
        });
    }

    private Mono<Idempotency.Response> run(UserId user, String key, long cents, Card card, byte[] cardFingerprint,
            Idempotency.Completion completion) {
        return wallets.walletOf(user)
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(wallet -> topUps.start(TopUpId.random(), user, wallet.id(), cents, card.brand().apiName(), card.last4(),
                        cardFingerprint, key))
                .flatMap(row -> row.status().equals("PENDING")
                        ? rail.charge(row.id().value(), row.amount(), card).flatMap(outcome -> settle(row, outcome, completion))
                        // a retry after a crash found it already settled by the reconciler
                        : respond(row, completion).flatMap(r -> r.problem() == null ? Mono.just(r.response()) : Mono.error(r.problem())));
    }

    /**
     * Records the rail's outcome; on success credits the wallet. A refusal (declined, failed) commits its record and
     * its stored response first, then is answered as a problem. Used by requests and by the reconciler.
     */
    Mono<Idempotency.Response> settle(TopUpRow row, CardRail.Outcome outcome, Idempotency.Completion completion) {
        Mono<Settled> settled = switch (outcome) {
            case CardRail.Outcome.Succeeded s -> credit(row, completion);
            case CardRail.Outcome.Declined d -> topUps.decide(row.id(), "DECLINED", d.declineCode(), null)
                    .then(RequestLogs.traced(() -> log.info("Top-up {} of user {} declined: {}", row.id(), row.userId(), d.declineCode())))
                    .then(Mono.defer(() -> refuse(declined(), completion)));
            case CardRail.Outcome.Failed f -> topUps.decide(row.id(), "FAILED", f.code(), null)
                    .then(Mono.defer(() -> refuse(new ProblemException(502, "processing_error", f.detail()), completion)));
        };
        return transactional.transactional(settled)
                .flatMap(result -> result.problem() == null ? Mono.just(result.response()) : Mono.error(result.problem()));
    }

    /** A settled top-up: its response, or the problem to answer once the transaction committed. */
    private record Settled(Idempotency.Response response, ProblemException problem) {
    }

    private Mono<Settled> credit(TopUpRow row, Idempotency.Completion completion) {
        var transfer = Transfer.between(TransferId.random(), "TOP_UP", row.id().toString(), CARD_RAIL_CLEARING,
                "Top-up of @" + row.handle(), row.walletId().account(), "Top-up · " + row.cardBrand() + " •••• " + row.cardLast4(),
                Money.eur(row.amount()));
        return ledger.post(transfer).flatMap(result -> switch (result) {
            case TransferResult.Posted posted -> topUps.decide(row.id(), "SUCCEEDED", null, posted.id())
                    .flatMap(decided -> decided ? Mono.<Void>empty() : Mono.error(new IllegalStateException(
                            "Top-up " + row.id() + " was charged but had been settled otherwise")))
                    .then(outbox.append(new TopUpSucceeded(row.id(), row.walletId(), new Party(row.userId(), row.handle()),
                            Money.eur(row.amount()), new TopUpSucceeded.CardSummary(row.cardBrand(), row.cardLast4()), posted.at())))
                    .then(Mono.defer(() -> {
                        var balance = posted.postings().stream().filter(p -> p.account().equals(row.walletId().account()))
                                .findFirst().orElseThrow().balanceAfter().minorUnits();
                        var body = json.writeValueAsString(view(row, "SUCCEEDED", balance));
                        return completion.complete(201, body).thenReturn(new Settled(new Idempotency.Response(201, body, false), null));
                    }));
            // settled meanwhile by another process (a retry or the reconciler): answer what it did
            case TransferResult.AlreadyPosted already -> topUps.find(row.id()).flatMap(current -> respond(current, completion));
            default -> Mono.error(new IllegalStateException("Top-up " + row.id() + " could not be credited: " + result));
        });
    }

    /** The response of a top-up that already ended. */
    private Mono<Settled> respond(TopUpRow row, Idempotency.Completion completion) {
        return switch (row.status()) {
            case "SUCCEEDED" -> ledger.balance(row.walletId().account()).flatMap(balance -> {
                var body = json.writeValueAsString(view(row, "SUCCEEDED", balance.minorUnits()));
                return completion.complete(201, body).thenReturn(new Settled(new Idempotency.Response(201, body, false), null));
            });
            case "DECLINED" -> refuse(declined(), completion);
            default -> refuse(new ProblemException(502, "processing_error", "The card network failed to process the charge; nothing was charged."), completion);
        };
    }

    /**
     * One answer for every decline, whatever the issuer's reason: distinct reasons (insufficient funds, expired,
     * wrong security code) tell a card tester which stolen numbers are live and which detail to fix. The reason is
     * kept in the top-up's record and the log.
     */
    static ProblemException declined() {
        return new ProblemException(402, "card_declined", "The card was declined. Try another card or contact your bank.");
    }

    private Mono<Settled> refuse(ProblemException problem, Idempotency.Completion completion) {
        return completion.complete(problem.status(), idempotency.problemBody(problem)).thenReturn(new Settled(null, problem));
    }

    private static TopUpView view(TopUpRow row, String status, long balance) {
        return new TopUpView(row.id().toString(), status, MoneyJson.of(row.amount()), new CardView(row.cardBrand(), row.cardLast4()),
                MoneyJson.of(balance), row.createdAt().toString());
    }

    /** Settles one stale pending top-up by asking the rail what became of its charge. */
    Mono<Void> reconcile(TopUpRow row, IdempotencyStore keys) {
        Idempotency.Completion completion = (status, body) -> row.idempotencyKey() == null ? Mono.empty()
                : keys.complete(row.userId(), row.idempotencyKey(), status, body);
        return rail.resolve(row.id().value())
                .flatMap(outcome -> settle(row, outcome, completion))
                .doOnNext(r -> log.info("Settled stale top-up {} as {}", row.id(), r.status()))
                .onErrorResume(ProblemException.class, p -> {
                    log.info("Settled stale top-up {} as {} ({})", row.id(), p.status(), p.code());
                    return Mono.empty();
                })
                .then();
    }
}
