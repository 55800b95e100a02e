package io.piaf.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.BooleanResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import io.piaf.crypto.internal.chain.contracts.EuroPiaf;
import io.piaf.identity.UserId;
import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/**
 * A reorganisation of the chain, provoked on the dev chain (a snapshot, blocks mined, the snapshot restored: the
 * blocks after it are gone, as when a longer fork wins): a transfer received from outside whose block is gone is never
 * credited and ends failed; a transfer the new fork carries at a height already read is still seen and credited once.
 *
 * <p>Its own dev chain and database, so that no other test context's chain watcher reads (and credits) what this one
 * must see held; three confirmations, blocks mined by the test.
 */
@PiafTest
@TestPropertySource(properties = {
        "piaf.crypto.chain.data-dir=target/test-chain-reorg",
        "piaf.database.embedded.data-dir=target/test-postgres-reorg",
        "piaf.crypto.confirmations=3",
        "piaf.crypto.dropped-after=1s" })
class ChainReorganisationTests {

    private static final Credentials OUTSIDER = Credentials.create("0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");

    @Autowired
    Api api;
    @Autowired
    AccountStore accounts;
    @Autowired
    Chain chain;
    @Autowired
    Token token;
    @Autowired
    CryptoConfiguration.Node node;
    @Autowired
    DatabaseClient db;

    @Test
    void a_transfer_whose_block_is_reorganised_away_is_never_credited_and_the_new_fork_is_read_again() throws Exception {
        var ganache = new HttpService(node.url);
        var alice = new Wallets(api).payer("alice", "10.00");
        var bob = api.signUp("bob");
        api.post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("5.00"))).exchange().expectStatus().isCreated();
        mineUntil(ganache, () -> balance(alice).equals("5.00"));
        // the outsider (a funded dev chain account Piaf does not hold) gets 3.00 EURP from Alice through Piaf
        var sent = api.post(alice, "/api/crypto/transfers", Map.of("token", "EURP", "amount", "3.00", "to", OUTSIDER.getAddress()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        api.post(alice, "/api/crypto/transfers/" + sent.get("id") + "/confirm", Map.of("pin", Wallets.PIN)).exchange().expectStatus().isOk();
        mineUntil(ganache, () -> balance(alice).equals("2.00"));
        var bobAddress = address(bob);

        var snapshot = call(ganache, "evm_snapshot", List.of(), Text.class).getResult();
        outsiderSends(bobAddress, 200);
        await().atMost(Duration.ofSeconds(20)).until(() -> received(bob).contains("SUBMITTED:200:"));
        assertThat(balance(bob)).isEqualTo("0.00");

        assertThat(call(ganache, "evm_revert", List.of(snapshot), BooleanResponse.class).success()).isTrue();
        outsiderSends(bobAddress, 100); // the new fork's block at the height of the one that carried the 2.00
        mineUntil(ganache, () -> balance(bob).equals("1.00") && received(bob).contains("FAILED:200:reorganised"));

        assertThat(received(bob)).containsExactlyInAnyOrder("CONFIRMED:100:", "FAILED:200:reorganised");
        assertThat(chain.tokenBalance(token.addressOrNull(), bobAddress).block()).isEqualTo(BigInteger.valueOf(100));
        assertThat(accounts.findByAddress(bobAddress).block().tokenBalance()).isEqualTo(BigInteger.valueOf(100));
    }

    private void outsiderSends(String to, long baseUnits) throws Exception {
        var manager = new RawTransactionManager(chain.web3j(), OUTSIDER, chain.chainId(),
                new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
        EuroPiaf.load(token.addressOrNull(), chain.web3j(), manager, new StaticGasProvider(chain.gasPrice().block(), BigInteger.valueOf(200_000)))
                .transfer(to, BigInteger.valueOf(baseUnits)).sendAsync().get();
    }

    /** Blocks mined one by one (the dev chain mines only on transactions) until the condition holds. */
    private static void mineUntil(HttpService ganache, BooleanSupplier condition) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached while mining").isLessThan(deadline);
            call(ganache, "evm_mine", List.of(), Text.class);
            Thread.sleep(150);
        }
    }

    private List<String> received(Api.User user) {
        return db.sql("select status || ':' || amount || ':' || coalesce(reason, '') from crypto.operation "
                        + "where user_id = $1 and direction = 'IN' and chain_tx_id is null")
                .bind(0, UUID.fromString(user.id())).map(r -> r.get(0, String.class)).all().collectList().block();
    }

    private String address(Api.User user) {
        api.get(user, "/api/crypto/wallet").exchange().expectStatus().isOk();
        return accounts.findByUser(new UserId(UUID.fromString(user.id()))).block().address();
    }

    @SuppressWarnings("unchecked")
    private String balance(Api.User user) {
        var wallet = api.get(user, "/api/crypto/wallet").exchange().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) wallet.get("balances")).getFirst().get("amount");
    }

    private static <T extends Response<?>> T call(HttpService ganache, String method, List<?> params, Class<T> type) throws Exception {
        return new Request<>(method, params, ganache, type).send();
    }

    /** A JSON-RPC answer that is a string (a snapshot id, a mined block's "0x0"). */
    public static final class Text extends Response<String> {
    }
}
