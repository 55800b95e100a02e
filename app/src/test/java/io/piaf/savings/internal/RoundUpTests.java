package io.piaf.savings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.UserId;
import io.piaf.payments.TransferId;
import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Vaults;
import io.piaf.testing.Wallets;

/**
 * Round-ups follow payments' events: each payment (or donation, or card purchase) out of the wallet saves its change
 * once, however often its event arrives, and a wallet that cannot cover the round-up simply skips it.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class RoundUpTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired RoundUps roundUps;
    @Autowired TransactionalOperator savingsTransactions;

    @Test
    void a_payment_rounds_up_into_the_chosen_vault_times_the_multiplier_and_once_only() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        var alice = wallets.payer("alice", "50.00");
        var bob = api.signUp("bob");
        var other = vaults.openId(alice, "Other");
        api.put(alice, "/api/savings/vaults/" + other + "/round-ups", Map.of("enabled", true, "multiplier", 5)).exchange().expectStatus().isOk();
        var vault = vaults.openId(alice, "Change");
        var set = api.put(alice, "/api/savings/vaults/" + vault + "/round-ups", Map.of("enabled", true, "multiplier", 2))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(set.get("roundUps")).isEqualTo(Map.of("enabled", true, "multiplier", 2));
        assertThat(vaults.vault(alice, other).get("roundUps")).isEqualTo(Map.of("enabled", false));

        wallets.pay(alice, bob.handle(), "12.30");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(vaults.balance(alice, vault)).isEqualTo("1.40"));
        vaults.deposit(alice, vault, "1.00");
        wallets.pay(alice, bob.handle(), "5.00");
        wallets.pay(alice, "acf", "2.99");

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(vaults.balance(alice, vault)).isEqualTo("2.42"));
        assertThat(vaults.balance(alice, other)).isEqualTo("0.00");
        assertThat(wallets.balance(alice)).isEqualTo("27.29"); // 50 − 12.30 − 1.40 − 1.00 − 5.00 − 2.99 − 0.02

        // the same payment's event again: nothing more moves
        var spending = db.sql("""
                select e.transfer_id from payments.entry e join payments.transfer t on t.id = e.transfer_id
                where t.kind = 'PAYMENT' and e.account_id = (select wallet_id from savings.vault where id = $1::uuid)
                order by e.seq limit 1""").bind(0, vault).map(r -> r.get(0, java.util.UUID.class)).one().block();
        savingsTransactions.transactional(roundUps.afterSpending(new UserId(java.util.UUID.fromString(alice.id())), "PAYMENT",
                new TransferId(spending), 12_30)).block();
        assertThat(vaults.balance(alice, vault)).isEqualTo("2.42");
        var kinds = api.get(alice, "/api/savings/vaults/" + vault + "/transactions").exchange().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(kinds.toString()).contains("ROUND_UP");
    }

    @Test
    void a_card_purchase_announced_by_the_same_event_rounds_up_too() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        var carol = wallets.payer("carol", "20.00");
        var vault = vaults.openId(carol, "Cards");
        api.put(carol, "/api/savings/vaults/" + vault + "/round-ups", Map.of("enabled", true, "multiplier", 1)).exchange().expectStatus().isOk();

        savingsTransactions.transactional(roundUps.afterSpending(new UserId(java.util.UUID.fromString(carol.id())), "CARD_PURCHASE",
                TransferId.random(), 4_35)).block();

        assertThat(vaults.balance(carol, vault)).isEqualTo("0.65");
    }

    @Test
    void a_round_up_the_wallet_cannot_cover_is_skipped_without_error() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        var dan = wallets.payer("dan", "12.50");
        var bob = api.signUp("bob");
        var vault = vaults.openId(dan, "Skip");
        api.put(dan, "/api/savings/vaults/" + vault + "/round-ups", Map.of("enabled", true, "multiplier", 3)).exchange().expectStatus().isOk();

        wallets.pay(dan, bob.handle(), "12.30"); // 2.10 of round-up, 0.20 left in the wallet

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                "select count(*) from outbox.delivery where listener = 'savings.RoundUp'").map(r -> r.get(0, Long.class)).one().block() == 0);
        assertThat(vaults.balance(dan, vault)).isEqualTo("0.00");
        assertThat(wallets.balance(dan)).isEqualTo("0.20");
    }
}
