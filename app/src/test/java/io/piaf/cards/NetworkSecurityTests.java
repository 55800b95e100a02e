package io.piaf.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.micrometer.core.instrument.MeterRegistry;
import io.piaf.testing.Api;
import io.piaf.testing.Cards;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import networksim.CardNetwork;
import networksim.CardNetwork.Merchant;

/** The issuer endpoint against attacks: forged, replayed and malformed messages, and a burst that would overspend. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class NetworkSecurityTests {

    @Autowired Api api;
    @Autowired MeterRegistry meters;
    @LocalServerPort int port;

    @Test
    void unsigned_tampered_stale_and_wrongly_signed_messages_are_refused_before_anything_is_read() {
        var cards = new Cards(api, port);
        var wallets = new Wallets(api);
        var alice = wallets.payer("alice", "10.00");
        var card = cards.card(alice);
        var network = cards.network();
        var body = json(network, card, "5.00");
        var now = System.currentTimeMillis() / 1000;
        var secret = secret();
        var good = CardNetwork.sign(secret, now, body.getBytes(StandardCharsets.UTF_8));

        assertRefused(network.sendRaw(body, null, null, null));
        assertRefused(network.sendRaw(body, Long.toString(now), null, null));
        assertRefused(network.sendRaw(body.replace("5.00", "0.05"), Long.toString(now), good, null));
        assertRefused(network.sendRaw(body, Long.toString(now + 1), good, null));
        assertRefused(network.sendRaw(body, Long.toString(now - 301),
                CardNetwork.sign(secret, now - 301, body.getBytes(StandardCharsets.UTF_8)), null));
        assertRefused(network.sendRaw(body, Long.toString(now), "v1=" + "0".repeat(64), null));
        assertRefused(network.sendRaw(body, Long.toString(now), "v1=zz", null));
        assertRefused(network.sendRaw(body, "yesterday", good, null));
        assertThat(cards.available(alice)).isEqualTo("10.00");

        var replayed = network.sendRaw(body, Long.toString(now), good, null);
        assertThat(replayed.approved()).isTrue();
        assertThat(network.sendRaw(body, Long.toString(now), good, null).body()).isEqualTo(replayed.body());
        assertThat(cards.available(alice)).isEqualTo("5.00");
    }

    @Test
    void malformed_messages_are_a_400_invalid_message() {
        var network = new Cards(api, port).network();
        for (var bad : List.of("{", "[]", "{\"id\":\"x\",\"type\":\"PAYOUT\"}", "{\"id\":\"" + "x".repeat(65) + "\",\"type\":\"AUTHORIZATION\"}",
                "{\"id\":\"m1\",\"type\":\"AUTHORIZATION\",\"pan\":\"4000\"}",
                "{\"id\":\"m2\",\"type\":\"CLEARING\",\"authorizationId\":\"nope\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}",
                "{\"id\":\"m3\",\"type\":\"CLEARING\",\"authorizationId\":\"" + UUID.randomUUID() + "\",\"amount\":{\"amount\":1.5,\"currency\":\"EUR\"}}",
                "{\"id\":\"m4\",\"type\":\"AUTHORIZATION\",\"pan\":\"4895370000000000\",\"expMonth\":13,\"expYear\":2030,"
                        + "\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"},\"merchant\":{\"name\":\"x\",\"mcc\":\"5812\",\"country\":\"FR\"},\"channel\":\"CHIP\"}",
                "{\"id\":\"m5\",\"type\":\"AUTHORIZATION\",\"pan\":\"4895370000000000\",\"expMonth\":1,\"expYear\":2030,"
                        + "\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"},\"merchant\":{\"name\":\"x\",\"mcc\":\"5812\",\"country\":\"FR\"},\"channel\":\"TELEPATHY\"}")) {
            var now = System.currentTimeMillis() / 1000;
            var reply = network.sendRaw(bad, Long.toString(now), CardNetwork.sign(secret(), now, bad.getBytes(StandardCharsets.UTF_8)), null);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.body()).contains("invalid_message");
        }
        var follow = network.clearing(UUID.randomUUID().toString(), "1.00");
        Cards.declined(follow, "unknown_authorization");
        Cards.declined(network.authorize(new CardNetwork.Card("4000000000000002", 1, 2030, null), "999999999999.99", Merchant.CAFE, "CHIP"),
                "unknown_card");
    }

    @Test
    void fifty_concurrent_authorizations_that_together_exceed_the_wallet_never_overspend_it() {
        var cards = new Cards(api, port);
        var bob = new Wallets(api).payer("bob", "100.00");
        var card = cards.card(bob);
        var network = cards.network();

        var replies = Concurrently.run(50, i -> network.authorize(card, "7.00", new Merchant("Shop " + i, "5411", "FR"), "CHIP"));

        var approved = replies.stream().filter(CardNetwork.Reply::approved).count();
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        assertThat(approved).isEqualTo(14);
        assertThat(replies.stream().filter(r -> !r.approved())).allSatisfy(r -> assertThat(r.reason()).isEqualTo("insufficient_funds"));
        assertThat(cards.available(bob)).isEqualTo("2.00");
        var cleared = Concurrently.run((int) approved, i -> network.clearing(
                replies.stream().filter(CardNetwork.Reply::approved).toList().get(i).authorizationId(), "7.00"));
        assertThat(cleared).allSatisfy(Cards::approved);
        assertThat(new Wallets(api).balance(bob)).isEqualTo("2.00");
    }

    @Test
    void the_same_message_sent_ten_times_at_once_holds_once_and_gets_one_answer() {
        var cards = new Cards(api, port);
        var dora = new Wallets(api).payer("dora", "50.00");
        var card = cards.card(dora);
        var network = cards.network();
        var message = network.authorization(UUID.randomUUID().toString(), card, "4.00", "EUR", Merchant.CAFE, "CHIP");

        var replies = Concurrently.run(10, i -> network.send(message));

        assertThat(replies).allSatisfy(Cards::approved);
        assertThat(replies.stream().map(CardNetwork.Reply::body).distinct()).hasSize(1);
        assertThat(cards.available(dora)).isEqualTo("46.00");
    }

    /**
     * A burst over many cards is approved in batches (one statement for several cards); two cards on one wallet, and
     * duplicates in flight, must still be decided as if each message came alone.
     */
    @Test
    void a_burst_over_many_cards_some_sharing_a_wallet_is_decided_as_if_each_came_alone() {
        var cards = new Cards(api, port);
        var wallets = new Wallets(api);
        var payers = List.of("fanny", "gael", "hugo", "ines", "jules").stream().map(h -> wallets.payer(h, "10.00")).toList();
        var twoCardsEach = payers.stream().flatMap(p -> java.util.stream.Stream.of(cards.card(p), cards.card(p))).toList();
        var network = cards.network();
        var resent = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> network.authorization(UUID.randomUUID().toString(), twoCardsEach.get(2 * i), "1.00", "EUR",
                        Merchant.CAFE, "CHIP"))
                .toList();

        // per wallet: 8 purchases of 3.00 on its two cards and one of 1.00 sent twice; whatever the order, 10.00 covers
        // the 1.00 and three of the 3.00s, not four
        var replies = Concurrently.run(50, i -> i < 40
                ? network.authorize(twoCardsEach.get(i % 10), "3.00", new Merchant("Shop " + i, "5411", "FR"), "CHIP")
                : network.send(resent.get(i % 5)));

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
        var purchases = replies.subList(0, 40);
        var declined = purchases.stream().filter(r -> !r.approved()).toList();
        assertThat(declined).allSatisfy(r -> assertThat(r.reason()).isEqualTo("insufficient_funds"));
        for (var i = 40; i < 45; i++) {
            assertThat(replies.get(i).body()).isEqualTo(replies.get(i + 5).body());
        }
        assertThat(purchases.stream().filter(CardNetwork.Reply::approved).count()).isEqualTo(15);
        assertThat(replies.subList(40, 50)).allSatisfy(Cards::approved);
        assertThat(payers).allSatisfy(p -> assertThat(cards.available(p)).isEqualTo("0.00"));
        assertThat(meters.get("piaf.cards.approval.batch").summary().max()).as("largest batch of approvals").isGreaterThan(1);
        // the network's messages are timed by the issuer, not observed as HTTP requests (ADR 8)
        assertThat(meters.get("piaf.cards.network.messages").tag("type", "AUTHORIZATION").tag("outcome", "approved").timer().count())
                .isGreaterThanOrEqualTo(20);
        assertThat(meters.find("http.server.requests").timers()).as("the holders' requests are observed").isNotEmpty();
        assertThat(meters.find("http.server.requests").tag("uri", "/network/v1/messages").timers()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    @Test
    void concurrent_authorizations_on_one_card_never_pass_its_daily_limit() {
        var cards = new Cards(api, port);
        var erik = new Wallets(api).payer("erik", "100.00");
        var card = cards.card(erik);
        var items = (List<Map<String, Object>>) api.get(erik, "/api/cards").exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("items");
        api.put(erik, "/api/cards/" + items.getFirst().get("id") + "/controls", Map.of("perTransaction", Wallets.money("5.00"),
                "daily", Wallets.money("20.00"))).exchange().expectStatus().isOk();
        var network = cards.network();

        var replies = Concurrently.run(12, i -> network.authorize(card, "3.00", new Merchant("Shop " + i, "5411", "FR"), "CHIP"));

        assertThat(replies.stream().filter(CardNetwork.Reply::approved).count()).isEqualTo(6);
        assertThat(replies.stream().filter(r -> !r.approved())).allSatisfy(r -> assertThat(r.reason()).isEqualTo("limit_exceeded"));
        assertThat(cards.available(erik)).isEqualTo("82.00");
    }

    private static void assertRefused(CardNetwork.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
        assertThat(reply.body()).contains("bad_signature");
    }

    private static String json(CardNetwork network, CardNetwork.Card card, String amount) {
        var map = network.authorization(UUID.randomUUID().toString(), card, amount, "EUR", Merchant.CAFE, "CHIP");
        var merchant = (Map<?, ?>) map.get("merchant");
        return "{\"id\":\"" + map.get("id") + "\",\"type\":\"AUTHORIZATION\",\"pan\":\"" + card.pan() + "\",\"expMonth\":" + card.expMonth()
                + ",\"expYear\":" + card.expYear() + ",\"cvc\":\"" + card.cvc() + "\",\"amount\":{\"amount\":\"" + amount
                + "\",\"currency\":\"EUR\"},\"merchant\":{\"name\":\"" + merchant.get("name") + "\",\"mcc\":\"5812\",\"country\":\"FR\"},\"channel\":\"CHIP\"}";
    }

    private static byte[] secret() {
        try {
            return java.nio.file.Files.readString(Cards.SECRETS.resolve("cards-network-secret")).strip().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
