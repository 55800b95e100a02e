package io.piaf.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import tools.jackson.databind.json.JsonMapper;

/** A merchant resends a delivery; an endpoint that fails for days is disabled, its owner told, and enabled again. */
@PiafTest
class WebhookEndpointTests {

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
    @SuppressWarnings("unchecked")
    void a_delivery_is_sent_again_on_demand_with_the_same_event_id() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Caviste");
            var endpoint = (String) commerce.endpoint(shop, receiver.url()).get("id");
            commerce.pay(wallets.payer("ines", "20.00"), (String) commerce.session(shop, "9.90", 1).get("id"), Wallets.PIN).expectStatus().isOk();
            // the receiver counts a request before the dispatcher records its answer
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(lastDelivery(shop, endpoint).get("status")));
            var delivery = lastDelivery(shop, endpoint);

            api.post(shop.token(), "/api/webhook-endpoints/" + endpoint + "/deliveries/" + delivery.get("id") + "/resend", Map.of())
                    .exchange().expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("PENDING")
                    .jsonPath("$.eventId").isEqualTo(delivery.get("eventId"));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 2);
            assertThat(receiver.received).extracting(r -> JSON.readValue(r.body(), Map.class).get("id")).containsOnly(delivery.get("eventId"));

            var other = commerce.merchant("Voisin");
            api.post(other.token(), "/api/webhook-endpoints/" + endpoint + "/deliveries/" + delivery.get("id") + "/resend", Map.of())
                    .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("endpoint_not_found");
            api.post(shop.token(), "/api/webhook-endpoints/" + endpoint + "/deliveries/" + UUID.randomUUID() + "/resend", Map.of())
                    .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("delivery_not_found");
            api.post(shop.owner(), "/api/webhook-endpoints/" + endpoint + "/deliveries/" + delivery.get("id") + "/resend", Map.of())
                    .exchange().expectStatus().isForbidden();
        }
    }

    @Test
    void an_endpoint_failing_for_three_days_is_disabled_its_owner_told_and_enabling_it_sends_what_waited() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            receiver.status = 503;
            var shop = commerce.merchant("Fromagerie");
            var endpoint = (String) commerce.endpoint(shop, receiver.url()).get("id");
            commerce.pay(wallets.payer("jules", "20.00"), (String) commerce.session(shop, "4.00", 1).get("id"), Wallets.PIN).expectStatus().isOk();
            await().atMost(Duration.ofSeconds(10)).until(() -> failures(endpoint) >= 1);
            // three days of failures, brought forward: one more failed attempt disables it
            db.sql("update commerce.webhook_endpoint set consecutive_failures = 9, failing_since = now() - interval '4 days' where id = $1")
                    .bind(0, UUID.fromString(endpoint)).then().block();
            db.sql("update commerce.webhook_delivery set next_attempt_at = now() where endpoint_id = $1 and status = 'PENDING'")
                    .bind(0, UUID.fromString(endpoint)).then().block();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(shop.token(), "/api/webhook-endpoints").exchange().expectBody()
                    .jsonPath("$.items[0].enabled").isEqualTo(false).jsonPath("$.items[0].disabledAt").exists());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(shop.owner(), "/api/notifications").exchange().expectBody()
                    .jsonPath("$.items[?(@.type == 'webhook_endpoint_disabled')].data.endpointId").isEqualTo(List.of(endpoint))
                    .jsonPath("$.items[?(@.type == 'webhook_endpoint_disabled')].data.merchantName").isEqualTo(List.of("Fromagerie")));
            var waiting = db.sql("select id from commerce.webhook_delivery where endpoint_id = $1").bind(0, UUID.fromString(endpoint))
                    .map(r -> r.get(0, UUID.class)).one().block();
            api.post(shop.token(), "/api/webhook-endpoints/" + endpoint + "/deliveries/" + waiting + "/resend", Map.of())
                    .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("endpoint_disabled");

            receiver.status = 200;
            api.post(shop.token(), "/api/webhook-endpoints/" + endpoint + "/enable", Map.of()).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.enabled").isEqualTo(true).jsonPath("$.disabledAt").doesNotExist();
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.size() == 1);
            assertThat(failures(endpoint)).isZero();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastDelivery(Commerce.Merchant shop, String endpoint) {
        var deliveries = api.get(shop.token(), "/api/webhook-endpoints/" + endpoint + "/deliveries").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) deliveries.get("items")).getFirst();
    }

    private int failures(String endpoint) {
        return db.sql("select consecutive_failures from commerce.webhook_endpoint where id = $1").bind(0, UUID.fromString(endpoint))
                .map(r -> r.get(0, Integer.class)).one().block();
    }
}
