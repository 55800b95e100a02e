package io.piaf.commerce;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Who may do what: merchant tokens and user tokens stay on their side, merchants see only their own, nothing moves on a refusal. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class MerchantAccessTests {

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
    void client_credentials_follow_rfc_6749_and_secrets_rotate_with_an_overlap_and_can_be_revoked() {
        var shop = commerce.merchant("Rotating");
        commerce.tokenRequest(shop.clientId(), "sk_wrong", null).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("Cache-Control", "no-store").expectBody().jsonPath("$.error").isEqualTo("invalid_client");
        commerce.tokenRequest(shop.clientId(), shop.clientSecret(), "checkout:write user").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_scope");
        var narrow = commerce.token(shop.clientId(), shop.clientSecret(), "payments:read");
        api.post(new Api.User(null, "narrow", narrow), "/api/checkout/sessions", Commerce.basket("1.00", 1))
                .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isForbidden();

        @SuppressWarnings("unchecked")
        var rotated = (Map<String, Object>) api.post(shop.owner(), "/api/merchants/" + shop.id() + "/credentials", Map.of())
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        var newSecret = (String) rotated.get("clientSecret");
        assertThat(rotated.get("previousSecretsExpireAt")).isNotNull();
        commerce.token(shop.clientId(), shop.clientSecret(), null); // the old secret works during the overlap
        commerce.token(shop.clientId(), newSecret, null);

        var stranger = api.signUp("stranger");
        api.post(stranger, "/api/merchants/" + shop.id() + "/credentials", Map.of()).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("merchant_not_found");

        api.post(shop.owner(), "/api/merchants/" + shop.id() + "/credentials/revoke", Map.of()).exchange().expectStatus().isNoContent();
        commerce.tokenRequest(shop.clientId(), newSecret, null).expectStatus().isUnauthorized();
        commerce.tokenRequest(shop.clientId(), shop.clientSecret(), null).expectStatus().isUnauthorized();
    }

    @Test
    void merchant_tokens_and_user_tokens_stay_on_their_side() {
        var shop = commerce.merchant("Sides");
        var user = api.signUp("sides");
        api.get(shop.token(), "/api/wallet").exchange().expectStatus().isForbidden().expectBody().jsonPath("$.code").exists();
        api.post(shop.token(), "/api/merchants", Map.of("name", "x", "mcc", "5812", "supportEmail", "a@b.example")).exchange().expectStatus().isForbidden();
        var id = (String) commerce.session(shop, "1.00", 1).get("id");
        api.post(shop.token(), "/api/checkout/sessions/" + id + "/pay", Map.of("pin", Wallets.PIN)).exchange().expectStatus().isForbidden();
        api.post(user, "/api/checkout/sessions", Commerce.basket("1.00", 1)).header("Idempotency-Key", "k1").exchange().expectStatus().isForbidden();
        api.post(user, "/api/refunds", Map.of("sessionId", id)).header("Idempotency-Key", "k2").exchange().expectStatus().isForbidden();
        api.get(user, "/api/webhook-endpoints").exchange().expectStatus().isForbidden();
        api.http().get().uri("/api/checkout/sessions/" + id).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_merchant_never_reads_nor_refunds_another_merchants_sessions() {
        var mine = commerce.merchant("Mine");
        var theirs = commerce.merchant("Theirs");
        var id = (String) commerce.session(mine, "4.00", 1).get("id");
        var payer = wallets.payer("payer", "10.00");
        commerce.pay(payer, id, Wallets.PIN).expectStatus().isOk();

        api.get(theirs.token(), "/api/checkout/sessions/" + id).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("session_not_found");
        api.post(theirs.token(), "/api/checkout/sessions/" + id + "/expire", Map.of()).exchange().expectStatus().isNotFound();
        commerce.refund(theirs, Map.of("sessionId", id), UUID.randomUUID().toString()).expectStatus().isNotFound();
        api.get(mine.token(), "/api/checkout/sessions/" + id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETE").jsonPath("$.metadata").exists();
        api.get(mine.token(), "/api/checkout/sessions/not-a-uuid").exchange().expectStatus().isNotFound();
        assertThat(wallets.balance(payer)).isEqualTo("6.00");
    }

    @Test
    void expired_sessions_cannot_be_paid_and_paid_sessions_cannot_be_expired() {
        var shop = commerce.merchant("Expiry");
        var open = (String) commerce.session(shop, "2.00", 1).get("id");
        var payer = wallets.payer("late", "5.00");
        api.post(shop.token(), "/api/checkout/sessions/" + open + "/expire", Map.of()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("EXPIRED");
        commerce.pay(payer, open, Wallets.PIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("session_expired");

        var lapsed = (String) commerce.session(shop, "2.00", 1).get("id");
        db.sql("update commerce.checkout_session set expires_at = now() - interval '1 second' where id = $1")
                .bind(0, UUID.fromString(lapsed)).then().block();
        api.get(payer, "/api/checkout/sessions/" + lapsed).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("EXPIRED");
        commerce.pay(payer, lapsed, Wallets.PIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("session_expired");

        var paid = (String) commerce.session(shop, "2.00", 1).get("id");
        commerce.pay(payer, paid, Wallets.PIN).expectStatus().isOk();
        api.post(shop.token(), "/api/checkout/sessions/" + paid + "/expire", Map.of()).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("session_not_open");
        commerce.refund(shop, Map.of("sessionId", open), UUID.randomUUID().toString()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("session_not_paid");
        assertThat(wallets.balance(payer)).isEqualTo("3.00");
    }

    @Test
    void money_posts_need_an_idempotency_key_and_bad_input_is_refused_with_a_code() {
        var shop = commerce.merchant("Strict");
        commerce.sessionRequest(shop.token(), Commerce.basket("1.00", 1), null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_required");
        commerce.sessionRequest(shop.token(), Map.of("lineItems", "lots", "successUrl", "https://a.example", "cancelUrl", "https://a.example"), "k")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("malformed_request"); // not a list: unreadable as the description says
        commerce.sessionRequest(shop.token(), Map.of("lineItems", List.of(Map.of("name", "x", "quantity", 1, "unitAmount", "1.00")),
                "successUrl", "javascript:alert(1)", "cancelUrl", "https://a.example"), "k").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_url");
        commerce.sessionRequest(shop.token(), Commerce.basket("99999.99", 10_000), "k").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("amount_too_large");
        var user = wallets.payer("poor", "1.00");
        var id = (String) commerce.session(shop, "5.00", 1).get("id");
        commerce.pay(user, id, Wallets.PIN).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("insufficient_funds");
        commerce.pay(user, id, "12").expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_pin_format");
        commerce.pay(shop.owner(), id, Wallets.PIN).expectStatus().isEqualTo(422);
        assertThat(wallets.balance(user)).isEqualTo("1.00");
    }

    @Test
    void webhook_endpoints_on_loopback_link_local_or_private_addresses_are_refused() {
        var shop = commerce.merchant("Ssrf");
        for (var url : List.of("http://127.0.0.1:8080/hooks", "http://169.254.169.254/latest/meta-data", "http://10.0.0.7/hooks",
                "http://[::1]/hooks", "http://192.168.1.1/")) {
            api.post(shop.token(), "/api/webhook-endpoints", Map.of("url", url, "events", List.of("checkout.session.completed")))
                    .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("forbidden_url");
        }
        api.post(shop.token(), "/api/webhook-endpoints", Map.of("url", "gopher://x.example/", "events", List.of("checkout.session.completed")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_url");
        api.post(shop.token(), "/api/webhook-endpoints", Map.of("url", "http://localhost:9/hooks", "events", List.of("payment.refunded")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_events");
        var other = commerce.merchant("Other");
        var endpoint = commerce.endpoint(shop, "http://localhost:9/hooks");
        api.get(other.token(), "/api/webhook-endpoints/" + endpoint.get("id") + "/deliveries").exchange().expectStatus().isNotFound();
    }
}
