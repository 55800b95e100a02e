package io.piaf.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/** A chain node that does not answer: 503 chain_unavailable, nothing debited, a transfer left pending. */
@PiafTest
@TestPropertySource(properties = "piaf.crypto.chain.url=http://127.0.0.1:9")
class ChainDownTests {

    @Autowired
    Api api;

    @Test
    @SuppressWarnings("unchecked")
    void a_chain_that_is_down_moves_nothing_and_says_so() {
        var alice = new Wallets(api).payer("alice", "10.00");
        var bob = api.signUp("bob");
        api.post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("5.00"))).exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.code").isEqualTo("chain_unavailable");
        var transfer = api.post(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "1.00", "to", "@" + bob.handle()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        api.post(alice, "/api/crypto/transfers/" + transfer.get("id") + "/confirm", Map.of("pin", "0000")).exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.code").isEqualTo("chain_unavailable");
        api.post(alice, "/api/crypto/sells", Map.of("token", "EURP", "amount", "1.00")).exchange()
                .expectStatus().isEqualTo(503);

        var wallet = api.get(alice, "/api/wallet").exchange().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(((Map<String, Object>) wallet.get("balance")).get("amount")).isEqualTo("10.00");
        var items = (List<Map<String, Object>>) api.get(alice, "/api/crypto/transactions").exchange().expectBody(Map.class)
                .returnResult().getResponseBody().get("items");
        assertThat(items).singleElement().satisfies(t -> assertThat(t).containsEntry("status", "PENDING_CONFIRMATION"));
    }
}
