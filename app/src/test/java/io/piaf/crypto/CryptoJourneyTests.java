package io.piaf.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/**
 * The issue's journey on the real dev chain (Ganache, started by the test context): buy EURP with euros, send some
 * to @bob with the PIN, Bob sees them arrive confirmed and sells them back; pay by post in tokens; bad input.
 */
@PiafTest
class CryptoJourneyTests {

    @Autowired
    Api api;

    Wallets wallets() {
        return new Wallets(api);
    }

    @Test
    void buy_send_to_a_handle_receive_confirmed_and_sell_back() {
        var alice = wallets().payer("alice", "100.00");
        var bob = api.signUp("bob");
        wallets().setPin(bob);

        var wallet = get(alice, "/api/crypto/wallet");
        assertThat((String) wallet.get("address")).matches("0x[0-9a-fA-F]{40}");
        assertThat(wallet.get("chainId")).isEqualTo(1337);

        var buy = post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("50.00")), 201);
        assertThat(buy).containsEntry("status", "PENDING").containsEntry("kind", "BUY").containsEntry("amount", "50.00");
        awaitBalance(alice, "50.00");
        assertThat(eur(alice)).isEqualTo("50.00");

        var transfer = post(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "20.00", "to", "@" + bob.handle()), 201);
        assertThat(transfer).containsEntry("status", "PENDING_CONFIRMATION");
        assertThat((String) transfer.get("challenge")).isEqualTo("Send 20.00 EURP to @" + bob.handle());
        var sent = post(alice, "/api/crypto/transfers/" + transfer.get("id") + "/confirm", Map.of("pin", Wallets.PIN), 200);
        assertThat(sent).containsEntry("status", "SUBMITTED");
        assertThat((String) sent.get("txHash")).matches("0x[0-9a-f]{64}");

        awaitBalance(bob, "20.00");
        awaitBalance(alice, "30.00");
        var received = transactions(bob).getFirst();
        assertThat(received).containsEntry("direction", "IN").containsEntry("status", "CONFIRMED")
                .containsEntry("counterparty", alice.handle()).containsEntry("txHash", sent.get("txHash"));
        assertThat(((Number) received.get("confirmations")).intValue()).isGreaterThanOrEqualTo(1);

        post(bob, "/api/crypto/sells", Map.of("token", "EURP", "amount", "20.00"), 201);
        awaitBalance(bob, "0.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> eur(bob).equals("20.00"));

        // Another user's transaction is nobody else's business.
        api.get(bob, "/api/crypto/transactions/" + transfer.get("id")).exchange().expectStatus().isNotFound();
        api.post(bob, "/api/crypto/transfers/" + transfer.get("id") + "/confirm", Map.of("pin", Wallets.PIN)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void pay_by_post_in_tokens_waits_for_the_pin() {
        var alice = wallets().payer("alice", "20.00");
        var bob = api.signUp("bob");
        post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("10.00")), 201);
        awaitBalance(alice, "10.00");

        new Social(api).post(alice, "#envoyer 5 EURP @" + bob.handle() + " merci");
        await().atMost(Duration.ofSeconds(20)).until(() -> transactions(alice).stream()
                .anyMatch(t -> "PENDING_CONFIRMATION".equals(t.get("status")) && "POST".equals(t.get("source"))));
        var pending = transactions(alice).stream().filter(t -> "POST".equals(t.get("source"))).findFirst().orElseThrow();
        assertThat(pending).containsEntry("amount", "5.00").containsEntry("note", "merci");
        // payments left the token command alone: no euro payment, no rejection
        assertThat(eur(alice)).isEqualTo("10.00");
        post(alice, "/api/crypto/transfers/" + pending.get("id") + "/confirm", Map.of("pin", Wallets.PIN), 200);
        awaitBalance(bob, "5.00");
    }

    @Test
    void bad_input_is_refused_and_moves_nothing() {
        var alice = wallets().payer("alice", "10.00");
        var checksumTypo = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"; // EIP-55 example with its last letter's case flipped
        expectProblem(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "1.00", "to", checksumTypo), 400, "invalid_address");
        expectProblem(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "1.00", "to", "0x1234"), 400, "invalid_address");
        expectProblem(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "1.001", "to", "@nobody_here"), 400, "invalid_amount");
        expectProblem(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "-1", "to", "@nobody_here"), 400, "invalid_amount");
        expectProblem(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "300.00", "to", "@nobody_here"), 422, "limit_exceeded");
        expectProblem(alice, "/api/crypto/transfers", Map.of("token", "ETH", "amount", "1", "to", "@nobody_here"), 400, "unsupported_token");
        expectProblem(alice, "/api/crypto/sells", Map.of("token", "EURP", "amount", "1.00"), 422, "insufficient_funds");
        expectProblem(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("11.00")), 422, "insufficient_funds");
        expectProblem(alice, "/api/crypto/buys", Map.of("amount", Map.of("amount", 5, "currency", "EUR")), 400, "invalid_amount");
        assertThat(eur(alice)).isEqualTo("10.00");
        assertThat(transactions(alice)).isEmpty();
        api.get(alice, "/api/crypto/transactions/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }

    @Test
    void the_same_idempotency_key_buys_once() {
        var alice = wallets().payer("alice", "10.00");
        var key = UUID.randomUUID().toString();
        var first = api.post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("4.00"))).header("Idempotency-Key", key)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        var again = api.post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("4.00"))).header("Idempotency-Key", key)
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        api.post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("5.00"))).header("Idempotency-Key", key)
                .exchange().expectStatus().isEqualTo(422);
        assertThat(eur(alice)).isEqualTo("6.00");
    }

    void expectProblem(Api.User user, String uri, Object body, int status, String code) {
        api.post(user, uri, body).exchange().expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> get(Api.User user, String uri) {
        return api.get(user, uri).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> post(Api.User user, String uri, Object body, int status) {
        return api.post(user, uri, body).exchange().expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> transactions(Api.User user) {
        return (List<Map<String, Object>>) get(user, "/api/crypto/transactions").get("items");
    }

    @SuppressWarnings("unchecked")
    String balance(Api.User user) {
        var balances = (List<Map<String, Object>>) get(user, "/api/crypto/wallet").get("balances");
        return (String) balances.getFirst().get("amount");
    }

    @SuppressWarnings("unchecked")
    String eur(Api.User user) {
        return (String) ((Map<String, Object>) get(user, "/api/wallet").get("balance")).get("amount");
    }

    void awaitBalance(Api.User user, String amount) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> balance(user).equals(amount));
    }
}
