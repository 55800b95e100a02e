package io.piaf.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import tools.jackson.databind.json.JsonMapper;

/** How a session ends other than paid (expired by the merchant or by time) and what a refund tells the payer. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class CheckoutLifecycleTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
    void a_session_the_merchant_expires_sends_one_expired_webhook_and_can_no_longer_be_paid() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Fleuriste");
            commerce.endpoint(shop, receiver.url());
            var id = (String) commerce.session(shop, "8.00", 1).get("id");
            for (int i = 0; i < 2; i++) { // expiring again answers the same and sends nothing more
                api.post(shop.token(), "/api/checkout/sessions/" + id + "/expire", Map.of()).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.status").isEqualTo("EXPIRED");
            }
            var erin = wallets.payer("erin", "10.00");
            commerce.pay(erin, id, Wallets.PIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("session_expired");

            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
            var event = event(receiver.received.getFirst().body());
            assertThat(event.get("type")).isEqualTo("checkout.session.expired");
            assertThat(object(event)).containsEntry("id", id).containsEntry("status", "EXPIRED");
            Thread.sleep(1000);
            assertThat(receiver.received).hasSize(1);
            assertThat(wallets.balance(erin)).isEqualTo("10.00");
        }
    }

    @Test
    void a_session_past_its_expiry_time_is_expired_by_the_sweep_with_its_webhook() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Primeur");
            commerce.endpoint(shop, receiver.url());
            var expiring = (String) commerce.session(shop, "2.00", 3).get("id");
            var open = (String) commerce.session(shop, "2.00", 1).get("id");
            db.sql("update commerce.checkout_session set expires_at = now() - interval '1 second' where id = $1")
                    .bind(0, UUID.fromString(expiring)).then().block();

            await().atMost(Duration.ofSeconds(10)).until(() -> "EXPIRED".equals(storedStatus(expiring)));
            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
            var event = event(receiver.received.getFirst().body());
            assertThat(event.get("type")).isEqualTo("checkout.session.expired");
            assertThat(object(event)).containsEntry("id", expiring);
            assertThat(storedStatus(open)).isEqualTo("OPEN");
            var frank = wallets.payer("frank", "10.00");
            commerce.pay(frank, expiring, Wallets.PIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("session_expired");
            commerce.pay(frank, open, Wallets.PIN).expectStatus().isOk();
        }
    }

    @Test
    void an_endpoint_that_did_not_subscribe_to_expiries_gets_none() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Kiosque");
            api.post(shop.token(), "/api/webhook-endpoints", Map.of("url", receiver.url(), "events", List.of("checkout.session.completed")))
                    .exchange().expectStatus().isCreated();
            var id = (String) commerce.session(shop, "1.00", 1).get("id");
            api.post(shop.token(), "/api/checkout/sessions/" + id + "/expire", Map.of()).exchange().expectStatus().isOk();
            var paid = (String) commerce.session(shop, "1.00", 1).get("id");
            commerce.pay(wallets.payer("gina", "5.00"), paid, Wallets.PIN).expectStatus().isOk();
            await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
            Thread.sleep(500);
            assertThat(receiver.received).extracting(r -> event(r.body()).get("type")).containsExactly("checkout.session.completed");
        }
    }

    @Test
    void the_payer_is_told_of_a_refund_with_the_shop_the_amount_and_the_reason() {
        var shop = commerce.merchant("Librairie du Coin");
        var id = (String) commerce.session(shop, "12.00", 1).get("id");
        var hugo = wallets.payer("hugo", "20.00");
        commerce.pay(hugo, id, Wallets.PIN).expectStatus().isOk();
        commerce.refund(shop, Map.of("sessionId", id, "amount", "4.50", "reason", "the cover was torn"), UUID.randomUUID().toString())
                .expectStatus().isCreated();
        commerce.refund(shop, Map.of("sessionId", id, "amount", "1.00", "reason", "two\nlines"), UUID.randomUUID().toString())
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_reason");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(hugo, "/api/notifications").exchange().expectBody()
                .jsonPath("$.items[?(@.type == 'checkout_refunded')].data.merchantName").isEqualTo(List.of("Librairie du Coin"))
                .jsonPath("$.items[?(@.type == 'checkout_refunded')].data.amount").isEqualTo(List.of("4.50"))
                .jsonPath("$.items[?(@.type == 'checkout_refunded')].data.refundReason").isEqualTo(List.of("the cover was torn"))
                .jsonPath("$.items[?(@.type == 'checkout_refunded')].data.sessionId").isEqualTo(List.of(id)));
        assertThat(wallets.balance(hugo)).isEqualTo("12.50");
    }

    private String storedStatus(String id) {
        return db.sql("select status from commerce.checkout_session where id = $1").bind(0, UUID.fromString(id))
                .map(r -> r.get(0, String.class)).one().block();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String body) {
        return JSON.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> event) {
        return (Map<String, Object>) ((Map<String, Object>) event.get("data")).get("object");
    }
}
