package io.piaf.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import tools.jackson.databind.json.JsonMapper;

/** A merchant pays out its balance (checkouts less refunds) to the sandbox bank, never more than it holds. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class PayoutTests {

    @Autowired Api api;
    Wallets wallets;
    Commerce commerce;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
        commerce = new Commerce(api);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_balance_is_paid_out_in_parts_idempotently_with_a_webhook_and_never_beyond_it() throws Exception {
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Épicerie");
            commerce.endpoint(shop, receiver.url());
            var kim = wallets.payer("kim", "30.00");
            var first = (String) commerce.session(shop, "10.00", 1).get("id");
            commerce.pay(kim, first, Wallets.PIN).expectStatus().isOk();
            commerce.pay(kim, (String) commerce.session(shop, "5.00", 1).get("id"), Wallets.PIN).expectStatus().isOk();
            commerce.refund(shop, Map.of("sessionId", first, "amount", "2.00"), UUID.randomUUID().toString()).expectStatus().isCreated();
            api.get(shop.token(), "/api/payouts").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.balance.amount").isEqualTo("13.00").jsonPath("$.items.length()").isEqualTo(0);

            var key = UUID.randomUUID().toString();
            var once = payout(shop, Map.of("amount", Map.of("amount", "5.00", "currency", "EUR")), key).expectStatus().isCreated()
                    .expectBody(String.class).returnResult().getResponseBody();
            var again = payout(shop, Map.of("amount", Map.of("amount", "5.00", "currency", "EUR")), key).expectStatus().isCreated()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(again).isEqualTo(once);
            assertThat(JsonMapper.builder().build().readValue(once, Map.class)).containsEntry("status", "PAID").containsEntry("object", "payout");
            payout(shop, Map.of("amount", "1.00"), key).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
            payout(shop, Map.of("amount", "8.01"), UUID.randomUUID().toString()).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.code").isEqualTo("insufficient_balance");
            payout(shop, Map.of("amount", "1.00"), null).expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("idempotency_key_required");
            payout(shop, Map.of("amount", "-1"), UUID.randomUUID().toString()).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_amount");
            payout(shop, Map.of(), UUID.randomUUID().toString()).expectStatus().isCreated().expectBody().jsonPath("$.amount.amount").isEqualTo("8.00");
            payout(shop, Map.of(), UUID.randomUUID().toString()).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("nothing_to_pay_out");
            api.get(shop.token(), "/api/payouts").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.balance.amount").isEqualTo("0.00").jsonPath("$.items.length()").isEqualTo(2);
            // the money has left: a refund now finds the merchant's balance short
            commerce.refund(shop, Map.of("sessionId", first, "amount", "1.00"), UUID.randomUUID().toString()).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.code").isEqualTo("insufficient_funds");

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received.stream()
                    .filter(r -> r.body().contains("\"payout.paid\"")).count() == 2);
        }
    }

    @Test
    void payouts_are_the_merchants_own_and_only_with_a_merchant_token() {
        var shop = commerce.merchant("Atelier");
        var other = commerce.merchant("Concurrent");
        commerce.pay(wallets.payer("lou", "10.00"), (String) commerce.session(shop, "6.00", 1).get("id"), Wallets.PIN).expectStatus().isOk();
        api.get(other.token(), "/api/payouts").exchange().expectStatus().isOk().expectBody().jsonPath("$.balance.amount").isEqualTo("0.00");
        payout(other, Map.of(), UUID.randomUUID().toString()).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("nothing_to_pay_out");
        api.post(shop.owner(), "/api/payouts", Map.of()).header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isForbidden();
        var limited = new Api.User(null, "Atelier", commerce.token(shop.clientId(), shop.clientSecret(), "checkout:write"));
        api.get(limited, "/api/payouts").exchange().expectStatus().isForbidden();
    }

    @Test
    void two_payouts_of_the_whole_balance_at_once_pay_it_out_once() {
        var shop = commerce.merchant("Ruée");
        commerce.pay(wallets.payer("max", "10.00"), (String) commerce.session(shop, "7.00", 1).get("id"), Wallets.PIN).expectStatus().isOk();
        var statuses = Concurrently.run(2, i -> payout(shop, Map.of("amount", "7.00"), UUID.randomUUID().toString())
                .returnResult(String.class).getStatus().value());
        assertThat(statuses).containsExactlyInAnyOrder(201, 422);
        api.get(shop.token(), "/api/payouts").exchange().expectBody().jsonPath("$.balance.amount").isEqualTo("0.00")
                .jsonPath("$.items.length()").isEqualTo(1);
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec payout(Commerce.Merchant shop, Object body, String key) {
        var spec = api.post(shop.token(), "/api/payouts", body);
        return (key == null ? spec : spec.header("Idempotency-Key", key)).exchange();
    }
}
