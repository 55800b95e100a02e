package io.piaf.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;
import io.piaf.testing.Wallets;

/**
 * What an attacker repeats is throttled: sign-up and sign-in per address, sign-in per account whatever the address,
 * PIN attempts per account across payments and crypto transfers, top-ups per account. Refusals are 429 problem+json with Retry-After.
 * Low limits in a context of their own; each test comes from its own client address (a proxy's X-Forwarded-For,
 * honoured here as in the prod profile).
 */
@io.piaf.testing.ThrottledPiafTest
class RateLimitTests {

    @Autowired Api api;
    Wallets wallets;

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        wallets = new Wallets(api);
    }

    @Test
    void sign_ups_from_one_address_are_limited_and_other_addresses_are_not() {
        var address = address();

        for (int i = 0; i < 3; i++) {
            signUp(address, Api.uniqueHandle("many")).expectStatus().isCreated();
        }
        expectRateLimited(signUp(address, Api.uniqueHandle("many")));

        signUp(address(), Api.uniqueHandle("other")).expectStatus().isCreated();
    }

    @Test
    void sign_ins_are_limited_per_account_whatever_the_address() {
        var user = user("target");

        for (int i = 0; i < 2; i++) { // signing in once to get a token counted too
            token(address(), user.handle(), "wrong password " + i).expectStatus().isUnauthorized();
        }

        expectRateLimited(token(address(), user.handle(), user.password()));
    }

    @Test
    void sign_ins_are_limited_per_address_across_accounts() {
        var address = address();

        for (int i = 0; i < 4; i++) {
            token(address, Api.uniqueHandle("ghost"), "whatever it is").expectStatus().isUnauthorized();
        }

        expectRateLimited(token(address, Api.uniqueHandle("ghost"), "whatever it is"));
    }

    @Test
    void pin_attempts_are_limited_per_account_across_payments() {
        var payer = user("pinrate");
        wallets.topUp(payer, "50.00");
        api.setPin(payer, Wallets.PIN); // setting a PIN counts too
        var payee = user("pinpayee");

        for (int i = 0; i < 3; i++) {
            var payment = wallets.request(payer, payee.handle(), "1.00");
            confirm(payer, payment, i % 2 == 0 ? "1357" : Wallets.PIN).expectStatus().value(s -> assertThat(s).isIn(200, 422));
        }
        var payment = wallets.request(payer, payee.handle(), "1.00");

        expectRateLimited(confirm(payer, payment, Wallets.PIN));
    }

    @Test
    void crypto_transfer_confirmations_count_as_pin_attempts() {
        var sender = user("cryptopin");
        api.setPin(sender, Wallets.PIN); // one attempt of four

        for (int i = 0; i < 3; i++) {
            confirmTransfer(sender, UUID.randomUUID().toString()).expectStatus().isNotFound();
        }

        expectRateLimited(confirmTransfer(sender, UUID.randomUUID().toString()));
    }

    @Test
    void top_ups_are_limited_per_account() {
        var user = user("topups");

        for (int i = 0; i < 3; i++) {
            wallets.topUpRequest(user, "10.00", Wallets.VISA, UUID.randomUUID().toString()).expectStatus().isCreated();
        }
        wallets.topUpRequest(user, "10.00", Wallets.card("4000000000000002"), UUID.randomUUID().toString()).expectStatus().isEqualTo(402);

        expectRateLimited(wallets.topUpRequest(user, "10.00", Wallets.VISA, UUID.randomUUID().toString()));
    }

    @Test
    void an_account_with_too_many_declines_in_a_day_can_no_longer_top_up() {
        var tester = user("cardtest");
        var stolen = new String[] { "4000000000009995", "4000000000000069", "4111111111111111" };

        for (var number : stolen) {
            topUp(tester, "5.00", number).expectStatus().isEqualTo(402);
        }

        expectRateLimited(topUp(tester, "5.00", "4242424242424242"));
    }

    @Test
    void a_card_declined_too_often_is_refused_whatever_the_account() {
        for (int i = 0; i < 3; i++) {
            topUp(user("guesser"), "5.00", "4000000000000127").expectStatus().isEqualTo(402);
        }

        expectRateLimited(topUp(user("guesser"), "5.00", "4000000000000127"));
        topUp(user("honest"), "5.00", "4242424242424242").expectStatus().isCreated();
    }

    @Test
    void top_ups_are_capped_per_day() {
        var user = user("daily");
        topUp(user, "60.00", "4242424242424242").expectStatus().isCreated();

        topUp(user, "40.01", "5555555555554444").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("limit_exceeded").jsonPath("$.limitType").isEqualTo("daily_top_up")
                .jsonPath("$.limit").isEqualTo("100.00");
    }

    private WebTestClient.ResponseSpec topUp(Api.User user, String amount, String number) {
        return api.post(user, "/api/wallet/top-ups", Map.of("amount", Wallets.money(amount), "card", Wallets.card(number)))
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("X-Forwarded-For", address()).exchange();
    }

    /** A user signed up and signed in from an address of its own. */
    private Api.User user(String prefix) {
        var handle = Api.uniqueHandle(prefix);
        var address = address();
        var id = (String) signUp(address, handle).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        var token = (String) token(address, handle, "password-" + handle).expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody().get("access_token");
        return new Api.User(id, handle, token);
    }

    private WebTestClient.ResponseSpec signUp(String address, String handle) {
        return api.http().post().uri("/api/auth/signup").header("X-Forwarded-For", address).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle, "password", "password-" + handle, "displayName", "Many")).exchange();
    }

    private WebTestClient.ResponseSpec token(String address, String handle, String password) {
        return api.http().post().uri("/api/auth/token").header("X-Forwarded-For", address).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle, "password", password)).exchange();
    }

    private WebTestClient.ResponseSpec confirmTransfer(Api.User sender, String transferId) {
        return api.post(sender, "/api/crypto/transfers/" + transferId + "/confirm", Map.of("pin", Wallets.PIN))
                .header("X-Forwarded-For", address()).exchange();
    }

    private WebTestClient.ResponseSpec confirm(Api.User payer, String paymentId, String pin) {
        return api.post(payer, "/api/payments/" + paymentId + "/confirm", Map.of("pin", pin)).header("X-Forwarded-For", address()).exchange();
    }

    private static void expectRateLimited(WebTestClient.ResponseSpec response) {
        var retryAfter = response.expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("rate_limited").jsonPath("$.retryAfter").isNumber()
                .returnResult().getResponseHeaders().getFirst("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isPositive();
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    /** A client address of its own, as a proxy forwards it ({@code client, proxy}). */
    private static String address() {
        var n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1) + ", 203.0.113.7";
    }
}
