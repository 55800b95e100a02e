package io.piaf.cards;

import static io.piaf.testing.Cards.approved;
import static io.piaf.testing.Cards.declined;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Cards;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import networksim.CardNetwork;
import networksim.CardNetwork.Merchant;

/** The issuer path end to end: the network's messages against real cards on real wallets. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class CardAuthorizationTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @LocalServerPort int port;
    Wallets wallets;
    Cards cards;
    CardNetwork network;

    @BeforeEach
    void setUp() {
        wallets = new Wallets(api);
        cards = new Cards(api, port);
        network = cards.network();
    }

    @Test
    void an_approved_purchase_holds_the_amount_and_its_clearing_debits_the_wallet_as_a_card_purchase() {
        var alice = wallets.payer("alice", "50.00");
        var card = cards.card(alice);

        var auth = network.authorize(card, "3.50", Merchant.CAFE, "CONTACTLESS");

        approved(auth);
        assertThat(wallets.balance(alice)).isEqualTo("50.00");
        assertThat(cards.available(alice)).isEqualTo("46.50");
        api.get(alice, "/api/wallet/holds").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total.amount").isEqualTo("3.50")
                .jsonPath("$.items[0].description").isEqualTo("Card ·· " + card.pan().substring(12) + " · Café de Flore");

        approved(network.clearing(auth.authorizationId(), "3.50"));

        assertThat(wallets.balance(alice)).isEqualTo("46.50");
        assertThat(cards.available(alice)).isEqualTo("46.50");
        api.get(alice, "/api/wallet/transactions").exchange().expectBody()
                .jsonPath("$.items[0].type").isEqualTo("CARD_PURCHASE")
                .jsonPath("$.items[0].amount.amount").isEqualTo("-3.50");
        var cardId = cardIdOf(alice);
        assertThat(cards.transactions(alice, cardId)).singleElement().satisfies(t -> {
            assertThat(t.get("status")).isEqualTo("CLEARED");
            assertThat(t.get("merchant")).isEqualTo(Map.of("name", "Café de Flore", "mcc", "5812", "country", "FR", "category", "RESTAURANTS"));
        });
    }

    @Test
    void a_frozen_card_is_declined_with_its_reason_and_the_holder_is_told_in_plain_words() {
        var bob = wallets.payer("bob", "20.00");
        var card = cards.card(bob);
        var cardId = cardIdOf(bob);
        api.post(bob, "/api/cards/" + cardId + "/freeze", Map.of()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("FROZEN");

        declined(network.authorize(card, "2.00", Merchant.CAFE, "CHIP"), "card_frozen");

        assertThat(cards.available(bob)).isEqualTo("20.00");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(bob, "/api/notifications").exchange()
                .expectBody().jsonPath("$.items[?(@.type == 'card_declined')].data.reason").isEqualTo(List.of("card_frozen"))
                .jsonPath("$.items[?(@.type == 'card_declined')].data.explanation")
                .isEqualTo(List.of("The card is frozen. Unfreeze it to pay with it.")));
        assertThat(cards.transactions(bob, cardId)).singleElement().satisfies(t -> {
            assertThat(t.get("status")).isEqualTo("DECLINED");
            assertThat(t.get("declineReason")).isEqualTo("card_frozen");
        });

        api.post(bob, "/api/cards/" + cardId + "/unfreeze", Map.of()).exchange().expectStatus().isOk();
        approved(network.authorize(card, "2.00", Merchant.CAFE, "CHIP"));
    }

    @Test
    void controls_and_card_data_decline_with_the_network_reason_codes() {
        var carol = wallets.payer("carol", "100.00");
        var card = cards.card(carol);
        var cardId = cardIdOf(carol);
        api.put(carol, "/api/cards/" + cardId + "/controls", Map.of("perTransaction", Wallets.money("20.00"),
                "daily", Wallets.money("30.00"), "blockedMcc", List.of("7995"), "online", false, "blockedCountries", List.of("US")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.controls.perTransaction.amount").isEqualTo("20.00");
        var wrongCvc = new CardNetwork.Card(card.pan(), card.expMonth(), card.expYear(), card.cvc().equals("000") ? "001" : "000");
        var wrongExpiry = new CardNetwork.Card(card.pan(), card.expMonth(), card.expYear() + 1, card.cvc());
        var unknown = new CardNetwork.Card("4242424242424242", 12, 2035, "123");

        declined(network.authorize(card, "20.01", Merchant.CAFE, "CHIP"), "limit_exceeded");
        declined(network.authorize(card, "5.00", new Merchant("Casino", "7995", "FR"), "CHIP"), "mcc_blocked");
        declined(network.authorize(card, "5.00", new Merchant("Diner", "5812", "US"), "CHIP"), "country_blocked");
        declined(network.authorize(card, "5.00", Merchant.CAFE, "ONLINE"), "channel_blocked");
        declined(network.authorize(wrongCvc, "5.00", Merchant.CAFE, "CHIP"), "incorrect_cvc");
        declined(network.authorize(wrongExpiry, "5.00", Merchant.CAFE, "CHIP"), "incorrect_expiry");
        declined(network.authorize(unknown, "5.00", Merchant.CAFE, "CHIP"), "unknown_card");
        declined(network.send(network.authorization(UUID.randomUUID().toString(), card, "5.00", "USD", Merchant.CAFE, "CHIP")), "unsupported_currency");
        declined(network.authorize(card, "0.00", Merchant.CAFE, "CHIP"), "invalid_amount");
        approved(network.authorize(card, "20.00", Merchant.CAFE, "CHIP"));
        declined(network.authorize(card, "10.01", Merchant.CAFE, "CHIP"), "limit_exceeded");

        assertThat(cards.available(carol)).isEqualTo("80.00");
    }

    @Test
    void a_purchase_beyond_the_available_balance_is_declined_for_insufficient_funds() {
        var dan = wallets.payer("dan", "10.00");
        var card = cards.card(dan);
        approved(network.authorize(card, "7.00", Merchant.CAFE, "CHIP"));

        declined(network.authorize(card, "3.01", Merchant.CAFE, "CHIP"), "insufficient_funds");
        approved(network.authorize(card, "3.00", Merchant.CAFE, "CHIP"));
        assertThat(cards.available(dan)).isEqualTo("0.00");
    }

    @Test
    void a_duplicate_message_gets_the_first_answer_and_holds_once() {
        var erin = wallets.payer("erin", "10.00");
        var card = cards.card(erin);
        var message = network.authorization(UUID.randomUUID().toString(), card, "4.00", "EUR", Merchant.CAFE, "CHIP");

        var first = network.send(message);
        var again = network.send(message);

        approved(first);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(cards.available(erin)).isEqualTo("6.00");
    }

    @Test
    void reversals_release_the_hold_in_part_or_whole_and_a_timed_out_authorization_is_reversed_by_its_message_id() {
        var finn = wallets.payer("finn", "30.00");
        var card = cards.card(finn);
        var fuel = network.authorize(card, "10.00", Merchant.CAFE, "CHIP");

        approved(network.reversal(fuel.authorizationId(), "4.00"));
        assertThat(cards.available(finn)).isEqualTo("24.00");
        approved(network.reversal(fuel.authorizationId(), null));
        assertThat(cards.available(finn)).isEqualTo("30.00");

        var message = network.authorization(UUID.randomUUID().toString(), card, "5.00", "EUR", Merchant.CAFE, "CHIP");
        network.send(message);
        assertThat(cards.available(finn)).isEqualTo("25.00");
        approved(network.reversalOfMessage((String) message.get("id")));
        assertThat(cards.available(finn)).isEqualTo("30.00");
        assertThat(wallets.balance(finn)).isEqualTo("30.00");
    }

    @Test
    void a_clearing_may_capture_less_or_a_little_more_than_authorized_and_a_refund_pays_back() {
        var gina = wallets.payer("gina", "100.00");
        var card = cards.card(gina);
        var hotel = network.authorize(card, "10.00", Merchant.CAFE, "ONLINE");
        var dinner = network.authorize(card, "10.00", Merchant.CAFE, "CHIP");
        var bar = network.authorize(card, "10.00", Merchant.CAFE, "CHIP");

        approved(network.incremental(hotel.authorizationId(), "5.00"));
        approved(network.clearing(hotel.authorizationId(), "12.00"));
        approved(network.clearing(dinner.authorizationId(), "11.50"));
        approved(network.clearing(bar.authorizationId(), "50.00"));
        declined(network.clearing(bar.authorizationId(), "1.00"), "already_cleared");

        // 12.00 (partial) + 11.50 (tip within 20 %) + 12.00 (capped at 120 % of 10.00)
        assertThat(wallets.balance(gina)).isEqualTo("64.50");
        assertThat(cards.available(gina)).isEqualTo("64.50");

        approved(network.refund(dinner.authorizationId(), "11.50"));
        declined(network.refund(dinner.authorizationId(), "0.01"), "invalid_amount");
        assertThat(wallets.balance(gina)).isEqualTo("76.00");
    }

    @Test
    void a_single_use_card_closes_after_its_purchase() {
        var hugo = wallets.payer("hugo", "20.00");
        var issued = cards.issue(hugo, "SINGLE_USE");
        var card = cards.reveal(hugo, (String) issued.get("id"));

        var purchase = network.authorize(card, "5.00", Merchant.CAFE, "ONLINE");
        approved(purchase);
        declined(network.authorize(card, "1.00", Merchant.CAFE, "ONLINE"), "card_cancelled");
        approved(network.clearing(purchase.authorizationId(), "5.00"));
        api.get(hugo, "/api/cards/" + issued.get("id")).exchange().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
    }

    @Test
    void held_money_cannot_be_sent_to_a_friend_and_an_uncleared_hold_expires() {
        var ines = wallets.payer("ines", "20.00");
        var jo = api.signUp("jo");
        var card = cards.card(ines);
        var auth = network.authorize(card, "15.00", Merchant.CAFE, "CHIP");
        approved(auth);

        var payment = wallets.request(ines, jo.handle(), "10.00");
        wallets.confirm(ines, payment, Wallets.PIN).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_funds");

        db.sql("update cards.authorization set created_at = now() - interval '8 days' where id = $1")
                .bind(0, UUID.fromString(auth.authorizationId())).then().block();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cards.available(ines).equals("20.00"));
        assertThat(cards.transactions(ines, cardIdOf(ines))).singleElement().satisfies(t -> {
            assertThat(t.get("status")).isEqualTo("REVERSED");
            assertThat(t.get("expired")).isEqualTo(true);
        });
        // a late clearing still stands: the issuer pays the network, from what the wallet has
        approved(network.clearing(auth.authorizationId(), "15.00"));
        assertThat(wallets.balance(ines)).isEqualTo("5.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_cleared_card_purchase_is_rounded_up_into_savings_through_the_same_events() {
        var kim = wallets.payer("kim", "50.00");
        var vault = (String) api.post(kim, "/api/savings/vaults", Map.of("name", "Change")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        api.put(kim, "/api/savings/vaults/" + vault + "/round-ups", Map.of("enabled", true, "multiplier", 1)).exchange()
                .expectStatus().isOk();
        var auth = network.authorize(cards.card(kim), "3.50", Merchant.CAFE, "CONTACTLESS");
        approved(auth);
        approved(network.clearing(auth.authorizationId(), "3.50"));

        // payments announces the capture as a wallet debit (CARD_PURCHASE); savings rounds it up to the next euro
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "0.50".equals(((Map<String, Object>) api.get(kim,
                "/api/savings/vaults/" + vault).exchange().expectBody(Map.class).returnResult().getResponseBody().get("balance")).get("amount")));
        assertThat(wallets.balance(kim)).isEqualTo("46.00");
    }

    @Test
    void a_card_issued_before_a_verification_key_rotation_still_verifies_its_cvv_after_it() {
        // The test profile has rotated the card-verification key once (piaf.cards.verification-keys): new cards take
        // key 2. A card issued before names key 1, as migration V2 recorded for every card that existed then.
        var dana = wallets.payer("dana", "30.00");
        var issuedAfter = cards.card(dana);
        var cardId = UUID.fromString(cardIdOf(dana));
        assertThat(db.sql("select cvk_id from cards.card where id = $1").bind(0, cardId).map(r -> r.get(0, String.class))
                .one().block()).isEqualTo("2");
        db.sql("update cards.card set cvk_id = '1' where id = $1").bind(0, cardId).fetch().rowsUpdated().block();

        var issuedBefore = cards.reveal(dana, cardId.toString());

        assertThat(issuedBefore.pan()).isEqualTo(issuedAfter.pan());
        approved(network.authorize(issuedBefore, "4.00", Merchant.CAFE, "CHIP"));
        if (!issuedBefore.cvc().equals(issuedAfter.cvc())) { // two keys give the same three digits once in a thousand
            declined(network.authorize(issuedAfter, "4.00", Merchant.CAFE, "CHIP"), "incorrect_cvc");
        }
        assertThat(cards.available(dana)).isEqualTo("26.00");
    }

    @SuppressWarnings("unchecked")
    private String cardIdOf(Api.User user) {
        var body = api.get(user, "/api/cards").exchange().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) body.get("items")).getFirst().get("id");
    }
}
