package io.piaf.commerce;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/** The owner reads their merchant's sessions, webhook endpoints and deliveries with their own token; nobody else does. */
@PiafTest
class MerchantDashboardTests {

    @Autowired Api api;

    @Test
    void the_owner_reads_sessions_endpoints_and_deliveries_and_nobody_else_does() throws Exception {
        var commerce = new Commerce(api);
        var wallets = new Wallets(api);
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Dashboard");
            var endpoint = (String) commerce.endpoint(shop, receiver.url()).get("id");
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

            var stranger = api.signUp("nosy");
            for (var path : new String[] { "/sessions", "/webhook-endpoints", "/webhook-endpoints/" + endpoint + "/deliveries" }) {
                api.get(stranger, base + path).exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");
                api.get(shop.token(), base + path).exchange().expectStatus().isForbidden();
            }
            var other = commerce.merchant("Other");
            var otherEndpoint = (String) commerce.endpoint(other, receiver.url()).get("id");
            api.get(shop.owner(), base + "/webhook-endpoints/" + otherEndpoint + "/deliveries").exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.code").isEqualTo("endpoint_not_found");
            api.get(shop.owner(), "/api/merchants/not-a-uuid/sessions").exchange().expectStatus().isNotFound();
        }
    }
}
