package io.piaf.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.BooleanResponse;
import org.web3j.protocol.http.HttpService;

import io.piaf.crypto.CryptoTransactionId;
import io.piaf.identity.UserId;
import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/**
 * The chain side under pressure, on the dev chain: concurrent sends from one user get consecutive nonces and all
 * land; a transaction stuck in the pool is replaced by a higher-fee twin with the same nonce, and the transfer lands
 * once.
 */
@PiafTest
class ChainOperationsTests {

    @Autowired
    Api api;
    @Autowired
    AccountStore accounts;
    @Autowired
    OperationStore operations;
    @Autowired
    ChainJobs jobs;
    @Autowired
    CryptoConfiguration.Node node;
    @Autowired
    DatabaseClient db;

    @Test
    void concurrent_sends_from_one_user_take_consecutive_nonces_and_all_land() throws Exception {
        var alice = new Wallets(api).payer("alice", "20.00");
        var bob = api.signUp("bob");
        buy(alice, "20.00");
        var ids = new java.util.ArrayList<String>();
        for (var i = 0; i < 8; i++) {
            ids.add((String) transfer(alice, bob, "1.00").get("id"));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            var confirmations = ids.stream().map(id -> (Callable<Integer>) () -> api.post(alice, "/api/crypto/transfers/" + id + "/confirm",
                    Map.of("pin", Wallets.PIN)).exchange().returnResult(String.class).getStatus().value()).toList();
            for (var result : pool.invokeAll(confirmations)) {
                assertThat(result.get()).isEqualTo(200);
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> balance(bob).equals("8.00"));
        assertThat(balance(alice)).isEqualTo("12.00");
        var address = accounts.findByUser(user(alice)).block().address();
        List<Long> nonces = db.sql("select nonce from crypto.chain_tx where from_address = $1 and purpose = 'TRANSFER' order by nonce")
                .bind(0, address).map(r -> r.get(0, Long.class)).all().collectList().block();
        assertThat(nonces).hasSize(8).doesNotHaveDuplicates();
        assertThat(nonces.getLast() - nonces.getFirst()).isEqualTo(7);
    }

    @Test
    void a_stuck_transaction_is_replaced_with_a_higher_fee_and_lands_once() throws Exception {
        var alice = new Wallets(api).payer("alice", "10.00");
        var bob = api.signUp("bob");
        buy(alice, "10.00");
        // warm the gas top-up so that only the transfer is in the pool while mining is stopped
        var first = transfer(alice, bob, "1.00");
        api.post(alice, "/api/crypto/transfers/" + first.get("id") + "/confirm", Map.of("pin", Wallets.PIN)).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(bob).equals("1.00"));

        var ganache = new HttpService(node.url);
        rpc(ganache, "miner_stop");
        try {
            var stuck = transfer(alice, bob, "2.00");
            api.post(alice, "/api/crypto/transfers/" + stuck.get("id") + "/confirm", Map.of("pin", Wallets.PIN)).exchange().expectStatus().isOk();
            var id = new CryptoTransactionId(UUID.fromString((String) stuck.get("id")));
            var original = operations.find(id).block().chainTxId();
            await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(original)));
            jobs.replaceStuck(Duration.ZERO).block();
            assertThat(status(original)).isEqualTo("REPLACED");
            var twin = operations.find(id).block().chainTxId();
            assertThat(twin).isNotEqualTo(original);
            await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(twin)));
        } finally {
            rpc(ganache, "miner_start");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(bob).equals("3.00"));
        assertThat(balance(alice)).isEqualTo("7.00");
        Long landed = db.sql("select count(*) from crypto.chain_tx where from_address = $1 and status = 'CONFIRMED' and purpose = 'TRANSFER'")
                .bind(0, accounts.findByUser(user(alice)).block().address()).map(r -> r.get(0, Long.class)).one().block();
        assertThat(landed).isEqualTo(2);
    }

    private String status(UUID chainTx) {
        return db.sql("select status from crypto.chain_tx where id = $1").bind(0, chainTx).map(r -> r.get(0, String.class)).one().block();
    }

    private static void rpc(HttpService ganache, String method) throws Exception {
        new Request<>(method, List.of(), ganache, BooleanResponse.class).send();
    }

    private void buy(Api.User user, String euros) {
        api.post(user, "/api/crypto/buys", Map.of("amount", Wallets.money(euros))).exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(30)).until(() -> balance(user).equals(euros));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> transfer(Api.User from, Api.User to, String amount) {
        return api.post(from, "/api/crypto/transfers", Map.of("token", "EURP", "amount", amount, "to", "@" + to.handle()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private String balance(Api.User user) {
        var wallet = api.get(user, "/api/crypto/wallet").exchange().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) wallet.get("balances")).getFirst().get("amount");
    }

    private static UserId user(Api.User user) {
        return new UserId(UUID.fromString(user.id()));
    }
}
