package io.piaf.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Cards;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/** The holder's side of cards: issue, see masked, reveal after the PIN, freeze, control — one's own cards only. */
@PiafTest
class CardIssuingTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @LocalServerPort int port;
    Wallets wallets;
    Cards cards;

    @BeforeEach
    void setUp() {
        wallets = new Wallets(api);
        cards = new Cards(api, port);
    }

    @Test
    void an_issued_card_shows_only_its_bin_and_last_four_until_the_pin_reveals_it_for_a_minute() {
        var alice = api.signUp("alice");
        wallets.setPin(alice);

        var card = cards.issue(alice, "VIRTUAL");

        assertThat(card).containsEntry("type", "VIRTUAL").containsEntry("status", "ACTIVE").containsEntry("brand", "VISA")
                .containsEntry("bin", "489537").doesNotContainKeys("number", "pan", "cvc");
        assertThat((String) card.get("last4")).matches("[0-9]{4}");
        assertThat((String) card.get("cardholderName")).isEqualTo("ALICE");
        var revealed = api.post(alice, "/api/cards/" + card.get("id") + "/reveal", Map.of("pin", Wallets.PIN)).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(Map.class).returnResult().getResponseBody();
        var number = (String) revealed.get("number");
        assertThat(number).hasSize(16).startsWith("489537").endsWith((String) card.get("last4"));
        assertThat(luhn(number)).isTrue();
        assertThat((String) revealed.get("cvc")).matches("[0-9]{3}");
        assertThat(java.time.Instant.parse((String) revealed.get("visibleUntil")))
                .isBetween(java.time.Instant.now().plusSeconds(50), java.time.Instant.now().plusSeconds(70));
        assertThat(revealed.get("cvc")).isEqualTo(api.post(alice, "/api/cards/" + card.get("id") + "/reveal", Map.of("pin", Wallets.PIN))
                .exchange().expectBody(Map.class).returnResult().getResponseBody().get("cvc"));
    }

    @Test
    void a_wrong_pin_reveals_nothing_counts_towards_the_lockout_and_every_try_is_audited() {
        var bob = api.signUp("bob");
        wallets.setPin(bob);
        var card = cards.issue(bob, "VIRTUAL");
        var reveal = "/api/cards/" + card.get("id") + "/reveal";

        api.post(bob, reveal, Map.of("pin", "1111")).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("invalid_pin").jsonPath("$.attemptsLeft").isEqualTo(2)
                .jsonPath("$.number").doesNotExist();
        api.post(bob, reveal, Map.of("pin", "12")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_pin_format");
        api.post(bob, reveal, Map.of("pin", "1111")).exchange().expectStatus().isEqualTo(422);
        api.post(bob, reveal, Map.of("pin", "1111")).exchange().expectStatus().isEqualTo(423)
                .expectBody().jsonPath("$.code").isEqualTo("pin_locked");
        api.post(bob, reveal, Map.of("pin", Wallets.PIN)).exchange().expectStatus().isEqualTo(423);

        var outcomes = db.sql("select outcome from cards.reveal_audit where card_id = $1::uuid order by id")
                .bind(0, card.get("id")).map(r -> r.get(0, String.class)).all().collectList().block();
        assertThat(outcomes).containsExactly("WRONG_PIN", "WRONG_PIN", "PIN_LOCKED", "PIN_LOCKED");
    }

    @Test
    void nobody_sees_or_changes_another_users_card() {
        var owner = api.signUp("owner");
        var other = api.signUp("other");
        wallets.setPin(other);
        var card = cards.issue(owner, "VIRTUAL");
        var path = "/api/cards/" + card.get("id");

        api.get(other, path).exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("card_not_found");
        api.post(other, path + "/reveal", Map.of("pin", Wallets.PIN)).exchange().expectStatus().isNotFound();
        api.post(other, path + "/freeze", Map.of()).exchange().expectStatus().isNotFound();
        api.post(other, path + "/cancel", Map.of()).exchange().expectStatus().isNotFound();
        api.put(other, path + "/controls", Map.of("online", false)).exchange().expectStatus().isNotFound();
        api.get(other, path + "/transactions").exchange().expectStatus().isNotFound();
        api.get(other, "/api/cards").exchange().expectBody().jsonPath("$.items").isEmpty();
        api.get(owner, "/api/cards/not-a-uuid").exchange().expectStatus().isNotFound();
        api.get(owner, path).exchange().expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.controls.online").isEqualTo(true);
    }

    @Test
    void freeze_unfreeze_and_cancel_and_a_cancelled_card_stays_cancelled() {
        var carol = api.signUp("carol");
        var path = "/api/cards/" + cards.issue(carol, "VIRTUAL").get("id");

        api.post(carol, path + "/freeze", Map.of()).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("FROZEN");
        api.post(carol, path + "/unfreeze", Map.of()).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
        api.post(carol, path + "/cancel", Map.of()).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

        api.post(carol, path + "/unfreeze", Map.of()).exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("card_cancelled");
        api.put(carol, path + "/controls", Map.of("online", false)).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void controls_out_of_range_are_refused_with_the_field_at_fault_and_change_nothing() {
        var dan = api.signUp("dan");
        var path = "/api/cards/" + cards.issue(dan, "VIRTUAL").get("id") + "/controls";

        for (var bad : List.<Map<String, Object>>of(
                Map.of("perTransaction", Wallets.money("0.00")),
                Map.of("daily", Wallets.money("10000.01")),
                Map.of("perTransaction", Wallets.money("500.00"), "daily", Wallets.money("100.00")),
                Map.of("blockedMcc", List.of("79")),
                Map.of("blockedCountries", List.of("usa")))) {
            api.put(dan, path, bad).exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_controls");
        }
        api.put(dan, path, Map.of("daily", Map.of("amount", "12.345", "currency", "EUR"))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_amount");
        api.put(dan, path, Map.of("daily", Map.of("amount", "10", "currency", "USD"))).exchange().expectStatus().isBadRequest();
        api.post(dan, "/api/cards", Map.of("type", "PLASTIC")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_card_type");

        api.put(dan, path, Map.of("contactless", false, "blockedMcc", List.of("7995", "6011"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.controls.perTransaction.amount").isEqualTo("1000.00")
                .jsonPath("$.controls.contactless").isEqualTo(false)
                .jsonPath("$.controls.blockedMcc").isEqualTo(List.of("6011", "7995"));
    }

    private static boolean luhn(String digits) {
        var sum = 0;
        for (var i = 0; i < digits.length(); i++) {
            var d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }
}
