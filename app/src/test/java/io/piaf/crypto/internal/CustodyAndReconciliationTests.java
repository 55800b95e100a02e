package io.piaf.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.web3j.crypto.Credentials;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.piaf.crypto.internal.chain.contracts.EuroPiaf;
import io.piaf.identity.UserId;
import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/**
 * Custody and reconciliation on the dev chain: a transfer made with a custodial key outside Piaf shows as drift; no
 * private key of the suite appears in logs, tables or events.
 */
@PiafTest
class CustodyAndReconciliationTests {

    @Autowired
    Api api;
    @Autowired
    AccountStore accounts;
    @Autowired
    KeyVault vault;
    @Autowired
    Chain chain;
    @Autowired
    Token token;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    DatabaseClient db;

    @Test
    void a_transfer_made_outside_piaf_is_reported_as_drift() throws Exception {
        var alice = new Wallets(api).payer("alice", "10.00");
        api.post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("10.00"))).exchange().expectStatus().isCreated();
        var account = accounts.findByUser(new UserId(java.util.UUID.fromString(alice.id()))).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.findByAddress(account.address()).block().tokenBalance().signum() > 0);
        // gas for the outside transfer, then 3.00 EURP leave with the custodial key, behind Piaf's back
        var faucet = Credentials.create("0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
        new org.web3j.tx.Transfer(chain.web3j(), manager(faucet)).sendFunds(account.address(), java.math.BigDecimal.ONE,
                org.web3j.utils.Convert.Unit.ETHER).sendAsync().get();
        var stolen = EuroPiaf.load(token.address().block(), chain.web3j(), manager(vault.open(account.key())),
                new StaticGasProvider(chain.gasPrice().block(), BigInteger.valueOf(200_000)));
        stolen.transfer("0x000000000000000000000000000000000000dead", BigInteger.valueOf(300)).sendAsync().get();

        reconciliation.run().block();
        var report = reconciliation.run().block();
        assertThat(report.drift()).anySatisfy(drift -> {
            assertThat(drift.address().toLowerCase()).isEqualTo(account.address());
            assertThat(drift.onChain()).isEqualTo("7.00");
            assertThat(drift.inPiaf()).isEqualTo("10.00");
        });
        api.http().get().uri("/actuator/crypto").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.drift[?(@.onChain == '7.00')]").exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_user_takes_their_key_with_the_pin_and_is_told_of_it() {
        var alice = new Wallets(api).payer("alice", "1.00");
        var export = Map.of("pin", Wallets.PIN);
        api.post(alice, "/api/crypto/wallet/export", export).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("crypto_wallet_not_found");
        api.get(alice, "/api/crypto/wallet").exchange().expectStatus().isOk();
        var wrongPin = Wallets.PIN.equals("0000") ? "1111" : "0000";
        api.post(alice, "/api/crypto/wallet/export", Map.of("pin", wrongPin)).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("invalid_pin").jsonPath("$.attemptsLeft").isNumber();
        api.post(alice, "/api/crypto/wallet/export", Map.of("pin", "12")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_pin_format");

        var exported = api.post(alice, "/api/crypto/wallet/export", export).exchange().expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(Map.class).returnResult().getResponseBody();
        var account = accounts.findByUser(new UserId(java.util.UUID.fromString(alice.id()))).block();
        var key = Credentials.create((String) exported.get("privateKey"));
        assertThat(key.getAddress()).isEqualTo(account.address());
        assertThat(key.getEcKeyPair().getPrivateKey()).isEqualTo(vault.open(account.key()).getEcKeyPair().getPrivateKey());
        assertThat(((String) exported.get("address")).toLowerCase()).isEqualTo(account.address());

        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(alice, "/api/notifications").exchange().expectBody(Map.class)
                .returnResult().getResponseBody().get("items").toString().contains("crypto_key_exported"));
        // only the owner's own account is ever exported: Bob's export, with his PIN, is his key, not Alice's
        var bob = new Wallets(api).payer("bob", "1.00");
        api.get(bob, "/api/crypto/wallet").exchange().expectStatus().isOk();
        var bobs = api.post(bob, "/api/crypto/wallet/export", export).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(bobs.get("privateKey")).isNotEqualTo(exported.get("privateKey"));
    }

    @Test
    void no_private_key_appears_in_logs_tables_or_events() {
        var logs = new ListAppender<ILoggingEvent>();
        logs.start();
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            var alice = new Wallets(api).payer("alice", "10.00");
            var bob = api.signUp("bob");
            api.post(alice, "/api/crypto/buys", Map.of("amount", Wallets.money("5.00"))).exchange().expectStatus().isCreated();
            api.get(bob, "/api/crypto/wallet").exchange().expectStatus().isOk();
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(alice, "/api/crypto/wallet").exchange()
                    .expectBody(String.class).returnResult().getResponseBody().contains("\"amount\":\"5.00\""));
            // the export decrypts a key for its answer only: nothing of it in the logs, tables or events below
            api.post(alice, "/api/crypto/wallet/export", Map.of("pin", Wallets.PIN)).exchange().expectStatus().isOk();
        } finally {
            root.detachAppender(logs);
        }
        var secrets = new ArrayList<String>();
        for (var account : accounts.all().collectList().block()) {
            var key = vault.open(account.key()).getEcKeyPair().getPrivateKey();
            var hex = org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(key, 64);
            secrets.add(hex);
            secrets.add(java.util.Base64.getEncoder().encodeToString(org.web3j.utils.Numeric.toBytesPadded(key, 32)));
            secrets.add(key.toString());
        }
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(9);
        var logged = String.join("\n", logs.list.stream().map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy()).toList());
        var tables = dumpAllTables();
        for (var secret : secrets) {
            assertThat(logged).doesNotContainIgnoringCase(secret);
            assertThat(tables).doesNotContainIgnoringCase(secret); // outbox.event holds every event's payload
        }
    }

    private String dumpAllTables() {
        List<String> tables = db.sql("select table_schema || '.' || table_name from information_schema.tables "
                + "where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'")
                .map(r -> r.get(0, String.class)).all().collectList().block();
        var dump = new StringBuilder();
        for (var table : tables) {
            db.sql("select row_to_json(t)::text from " + table + " t").map(r -> r.get(0, String.class)).all()
                    .doOnNext(row -> dump.append(row).append('\n')).blockLast();
        }
        return dump.toString();
    }

    private RawTransactionManager manager(Credentials credentials) {
        return new RawTransactionManager(chain.web3j(), credentials, chain.chainId(), new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
    }
}
