package io.piaf.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.commerce.internal.domain.WebhookSignatures;
import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner reads their merchant's sessions, webhook endpoints and deliveries with their own token, and sends an
 * endpoint a signed test event; nobody else does.
 */
@PiafTest
class MerchantDashboardTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Api api;
    @Autowired DatabaseClient db;

    @Test
    void the_owner_reads_sessions_endpoints_and_deliveries_sends_a_test_event_and_nobody_else_does() throws Exception {
        var commerce = new Commerce(api);
        var wallets = new Wallets(api);
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Dashboard");
            var created = commerce.endpoint(shop, receiver.url());
            var endpoint = (String) created.get("id");
            var secret = (String) created.get("secret");
            var paid = (String) commerce.session(shop, "2.00", 2).get("id");
            commerce.session(shop, "1.00", 1);
            commerce.pay(wallets.payer("erin", "10.00"), paid, Wallets.PIN).expectStatus().isOk();
            commerce.refund(shop, Map.of("sessionId", paid, "amount", "1.50"), UUID.randomUUID().toString()).expectStatus().isCreated();

            var base = "/api/merchants/" + shop.id();
            api.get(shop.owner(), base + "/sessions").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items.length()").isEqualTo(2)
                    .jsonPath("$.items[1].id").isEqualTo(paid)
                    .jsonPath("$.items[1].status").isEqualTo("COMPLETE")
                    .jsonPath("$.items[1].amountRefunded.amount").isEqualTo("1.50")
                    .jsonPath("$.items[0].status").isEqualTo("OPEN");
            api.get(shop.owner(), base + "/webhook-endpoints").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items[0].id").isEqualTo(endpoint).jsonPath("$.items[0].secret").doesNotExist();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(shop.owner(), base + "/webhook-endpoints/" + endpoint + "/deliveries")
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items.length()").isEqualTo(2).jsonPath("$.items[0].status").isEqualTo("DELIVERED"));

            var test = base + "/webhook-endpoints/" + endpoint + "/test";
            var sent = api.post(shop.owner(), test, Map.of()).exchange().expectStatus().isAccepted().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(sent).containsEntry("type", "webhook.test").containsEntry("status", "PENDING");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api.get(shop.owner(), base + "/webhook-endpoints/" + endpoint + "/deliveries")
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.items[0].id").isEqualTo(sent.get("id")).jsonPath("$.items[0].status").isEqualTo("DELIVERED"));
            var received = receiver.received.getLast();
            assertThat(JSON.readValue(received.body(), Map.class)).containsEntry("id", sent.get("eventId")).containsEntry("type", "webhook.test");
            assertThat(WebhookSignatures.verify(received.signature(), received.body(), secret, Instant.now())).isTrue();

            var stranger = api.signUp("nosy");
            for (var path : new String[] { "/sessions", "/webhook-endpoints", "/webhook-endpoints/" + endpoint + "/deliveries" }) {
                api.get(stranger, base + path).exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
                api.get(shop.token(), base + path).exchange().expectStatus().isForbidden();
            }
            api.post(stranger, test, Map.of()).exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
            api.post(shop.token(), test, Map.of()).exchange().expectStatus().isForbidden();
            db.sql("update commerce.webhook_endpoint set enabled = false where id = $1").bind(0, UUID.fromString(endpoint)).then().block();
            api.post(shop.owner(), test, Map.of()).exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("endpoint_disabled");
            var other = commerce.merchant("Other");
            var otherEndpoint = (String) commerce.endpoint(other, receiver.url()).get("id");
            api.get(shop.owner(), base + "/webhook-endpoints/" + otherEndpoint + "/deliveries").exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.code").isEqualTo("endpoint_not_found");
            api.post(shop.owner(), base + "/webhook-endpoints/" + otherEndpoint + "/test", Map.of()).exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.code").isEqualTo("endpoint_not_found");
            api.get(shop.owner(), "/api/merchants/not-a-uuid/sessions").exchange().expectStatus().isNotFound();
        }
    }
}
