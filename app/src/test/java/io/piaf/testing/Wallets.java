package io.piaf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Payment helpers over the public HTTP API: PINs, top-ups, payments, balances. */
public final class Wallets {

    public static final String PIN = "2468";
    public static final Map<String, Object> VISA = card("4242424242424242");

    private final Api api;

    public Wallets(Api api) {
        this.api = api;
    }

    public static Map<String, Object> card(String number) {
        return Map.of("number", number, "expMonth", 12, "expYear", 2035, "cvc", number.startsWith("37") ? "1234" : "123");
    }

    public static Map<String, Object> money(String amount) {
        return Map.of("amount", amount, "currency", "EUR");
    }

    /** A signed-up user with a PIN, topped up with {@code euros} (in top-ups of at most 1,000.00). */
    public Api.User payer(String prefix, String euros) {
        var user = api.signUp(prefix);
        setPin(user);
        var cents = new java.math.BigDecimal(euros).movePointRight(2).longValueExact();
        while (cents > 0) {
            var chunk = Math.min(cents, 100_000);
            topUp(user, new java.math.BigDecimal(chunk).movePointLeft(2).toPlainString());
            cents -= chunk;
        }
        return user;
    }

    public void setPin(Api.User user) {
        api.setPin(user, PIN);
    }

    public void topUp(Api.User user, String amount) {
        topUpRequest(user, amount, VISA, UUID.randomUUID().toString()).expectStatus().isCreated();
    }

    public WebTestClient.ResponseSpec topUpRequest(Api.User user, String amount, Map<String, Object> card, String key) {
        var spec = api.http().post().uri("/api/wallet/top-ups").header("Authorization", user.bearer())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.bodyValue(Map.of("amount", money(amount), "card", card)).exchange();
    }

    public WebTestClient.ResponseSpec payRequest(Api.User payer, Object body, String key) {
        var spec = api.http().post().uri("/api/payments").header("Authorization", payer.bearer())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.bodyValue(body).exchange();
    }

    /** Asks for a payment and returns its id (201 expected). */
    public String request(Api.User payer, String toHandle, String amount) {
        var body = payRequest(payer, Map.of("to", "@" + toHandle, "amount", money(amount)), UUID.randomUUID().toString())
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(body.get("status")).isEqualTo("PENDING_CONFIRMATION");
        return (String) body.get("id");
    }

    public WebTestClient.ResponseSpec confirm(Api.User payer, String paymentId, String pin) {
        return api.post(payer, "/api/payments/" + paymentId + "/confirm", Map.of("pin", pin)).exchange();
    }

    /** Asks for and confirms a payment. */
    public String pay(Api.User payer, String toHandle, String amount) {
        var id = request(payer, toHandle, amount);
        confirm(payer, id, PIN).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETED");
        return id;
    }

    public String balance(Api.User user) {
        var body = api.get(user, "/api/wallet").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        var balance = (Map<String, Object>) body.get("balance");
        assertThat(balance.get("currency")).isEqualTo("EUR");
        return (String) balance.get("amount");
    }
}
