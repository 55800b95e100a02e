package io.piaf.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.commerce.internal.domain.WebhookSignatures;
import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import tools.jackson.databind.json.JsonMapper;

/** A merchant sells a basket, a Piaf user pays it with the PIN, the merchant gets a signed webhook and refunds part. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class CheckoutJourneyTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Wallets wallets;
    Commerce commerce;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
        commerce = new Commerce(api);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_basket_is_paid_with_the_pin_the_webhook_is_signed_and_a_partial_refund_reaches_the_payer() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Boulangerie");
            var endpoint = commerce.endpoint(shop, receiver.url());
            var session = commerce.session(shop, "1.20", 5);
            assertThat(session.get("status")).isEqualTo("OPEN");
            assertThat((Map<String, Object>) session.get("amount")).containsEntry("amount", "6.00");
            assertThat((String) session.get("url")).endsWith("/checkout/" + session.get("id"));

            var alice = wallets.payer("alice", "10.00");
            var id = (String) session.get("id");
            api.get(alice, "/api/checkout/sessions/" + id).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.merchant.name").isEqualTo("Boulangerie").jsonPath("$.amount.amount").isEqualTo("6.00")
                    .jsonPath("$.metadata").doesNotExist();

            commerce.pay(alice, id, "0000").expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("invalid_pin");
            commerce.pay(alice, id, Wallets.PIN).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETE")
                    .jsonPath("$.successUrl").isEqualTo("https://shop.example/thanks");
            commerce.pay(alice, id, Wallets.PIN).expectStatus().isOk(); // the payer retrying gets the same answer
            assertThat(wallets.balance(alice)).isEqualTo("4.00");

            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
            var webhook = receiver.received.getFirst();
            assertThat(WebhookSignatures.verify(webhook.signature(), webhook.body(), (String) endpoint.get("secret"), Instant.now())).isTrue();
            var event = JsonMapper.builder().build().readValue(webhook.body(), Map.class);
            assertThat(event.get("type")).isEqualTo("checkout.session.completed");
            assertThat((String) event.get("id")).startsWith("evt_");
            var object = (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("object");
            assertThat(object.get("id")).isEqualTo(id);
            assertThat(object.get("status")).isEqualTo("COMPLETE");

            var key = UUID.randomUUID().toString();
            var refund = Map.of("sessionId", id, "amount", "2.50", "reason", "one croissant was burnt");
            var first = commerce.refund(shop, refund, key).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
            var again = commerce.refund(shop, refund, key).expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
            assertThat(again).isEqualTo(first);
            commerce.refund(shop, Map.of("sessionId", id, "amount", "1.00"), key).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
            assertThat(wallets.balance(alice)).isEqualTo("6.50");
            commerce.refund(shop, Map.of("sessionId", id, "amount", "3.51"), UUID.randomUUID().toString()).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.code").isEqualTo("refund_exceeds_captured");
            commerce.refund(shop, Map.of("sessionId", id), UUID.randomUUID().toString()).expectStatus().isCreated()
                    .expectBody().jsonPath("$.amount.amount").isEqualTo("3.50").jsonPath("$.amountRefunded.amount").isEqualTo("6.00");
            assertThat(wallets.balance(alice)).isEqualTo("10.00");

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() >= 3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(shop.token(), "/api/webhook-endpoints/" + endpoint.get("id") + "/deliveries")
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.items.length()").isEqualTo(3).jsonPath("$.items[0].status").isEqualTo("DELIVERED")
                    .jsonPath("$.items[0].lastStatusCode").isEqualTo(200));
        }
    }

    @Test
    void a_failing_endpoint_is_retried_until_it_answers() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            receiver.status = 500;
            var shop = commerce.merchant("Flaky");
            var endpoint = commerce.endpoint(shop, receiver.url());
            var session = commerce.session(shop, "1.00", 1);
            var bob = wallets.payer("bob", "5.00");
            commerce.pay(bob, (String) session.get("id"), Wallets.PIN).expectStatus().isOk();
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts((String) endpoint.get("id")) >= 1);
            // the next attempt is due in 2.5 to 5 s: bring it forward rather than wait
            receiver.status = 200;
            db.sql("update commerce.webhook_delivery set next_attempt_at = now() where status = 'PENDING' and endpoint_id = $1")
                    .bind(0, UUID.fromString((String) endpoint.get("id"))).then().block();
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1);
            // the receiver counts a request before the dispatcher records its answer
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(shop.token(), "/api/webhook-endpoints/" + endpoint.get("id") + "/deliveries")
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.items[0].status").isEqualTo("DELIVERED").jsonPath("$.items[0].attempts").isEqualTo(2));
        }
    }

    @Test
    void a_session_paid_twice_at_once_is_paid_once() {
        var shop = commerce.merchant("Rush");
        var id = (String) commerce.session(shop, "3.00", 1).get("id");
        var carol = wallets.payer("carol", "10.00");
        var dave = wallets.payer("dave", "10.00");
        var payers = List.of(carol, dave);
        var statuses = Concurrently.run(2, i -> commerce.pay(payers.get(i), id, Wallets.PIN).returnResult(String.class).getStatus().value());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(List.of(wallets.balance(carol), wallets.balance(dave))).containsExactlyInAnyOrder("7.00", "10.00");
        var transfers = db.sql("select count(*) from payments.transfer where kind = 'CHECKOUT' and reference = $1").bind(0, id)
                .map(r -> r.get(0, Long.class)).one().block();
        assertThat(transfers).isEqualTo(1);
    }

    private long attempts(String endpoint) {
        return db.sql("select coalesce(sum(attempts), 0) from commerce.webhook_delivery where endpoint_id = $1")
                .bind(0, UUID.fromString(endpoint)).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }
}
