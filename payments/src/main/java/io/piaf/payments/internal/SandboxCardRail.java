package io.piaf.payments.internal;

import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.payments.internal.domain.Card;
import reactor.core.publisher.Mono;

/**
 * A card rail for development and tests, in the manner of Stripe's test cards: the card number decides the outcome;
 * any other (valid) number is declined, as a test mode declines real cards. It remembers each charge's outcome by
 * charge id, as a real rail does, and never sees more than the charge id and amount outside this call.
 */
@Component
class SandboxCardRail implements CardRail {

    static final Map<String, String> TEST_CARDS = Map.of(
            "4242424242424242", "SUCCEEDED",
            "5555555555554444", "SUCCEEDED",
            "2223003122003222", "SUCCEEDED",
            "378282246310005", "SUCCEEDED",
            "4000000000000002", "DECLINED:generic_decline",
            "4000000000009995", "DECLINED:insufficient_funds",
            "4000000000000069", "DECLINED:expired_card",
            "4000000000000127", "DECLINED:incorrect_cvc",
            "4000000000000119", "FAILED:processing_error");

    private final DatabaseClient db;

    SandboxCardRail(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Outcome> charge(UUID chargeId, long cents, Card card) {
        return record(chargeId, cents, TEST_CARDS.getOrDefault(card.number(), "DECLINED:test_mode_live_card"));
    }

    @Override
    public Mono<Outcome> resolve(UUID chargeId) {
        return record(chargeId, 0, "FAILED:voided");
    }

    /** The first outcome recorded for a charge id wins; every later call answers it. */
    private Mono<Outcome> record(UUID chargeId, long cents, String outcome) {
        return db.sql("""
                insert into payments.sandbox_card_charge (charge_id, amount, outcome) values ($1, $2, $3)
                on conflict (charge_id) do nothing""")
                .bind(0, chargeId).bind(1, cents).bind(2, outcome)
                .then()
                .then(db.sql("select outcome from payments.sandbox_card_charge where charge_id = $1").bind(0, chargeId)
                        .map(r -> decode(r.get(0, String.class))).one());
    }

    private static Outcome decode(String stored) {
        var parts = stored.split(":", 2);
        return switch (parts[0]) {
            case "SUCCEEDED" -> new Outcome.Succeeded();
            case "DECLINED" -> new Outcome.Declined(parts[1], switch (parts[1]) {
                case "insufficient_funds" -> "The card has insufficient funds.";
                case "expired_card" -> "The card has expired.";
                case "incorrect_cvc" -> "The card's security code is incorrect.";
                case "test_mode_live_card" -> "The sandbox accepts test cards only, e.g. 4242 4242 4242 4242.";
                default -> "The card was declined.";
            });
            default -> parts[1].equals("voided")
                    ? new Outcome.Failed("abandoned", "The top-up was interrupted before the card was charged; nothing was charged.")
                    : new Outcome.Failed("processing_error", "The card network failed to process the charge; nothing was charged.");
        };
    }
}
