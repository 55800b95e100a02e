package io.piaf.savings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Vaults;
import io.piaf.testing.Wallets;

/** Vaults over the HTTP API: open with a goal, move money in and out, close; every move is a ledger transfer. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class VaultTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;

    Wallets wallets;
    Vaults vaults;

    @Autowired
    void helpers(Api api) {
        wallets = new Wallets(api);
        vaults = new Vaults(api);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_user_opens_a_vault_with_a_goal_moves_money_in_and_out_and_sees_progress() {
        var alice = wallets.payer("alice", "100.00");
        var vault = vaults.open(alice, "  Holidays ", "80.00");
        var id = (String) vault.get("id");
        assertThat(vault).containsEntry("name", "Holidays").containsEntry("status", "OPEN").containsEntry("progress", 0);
        assertThat((Map<String, Object>) vault.get("goal")).containsEntry("amount", Map.of("amount", "80.00", "currency", "EUR"));
        assertThat((Map<String, Object>) vault.get("roundUps")).containsEntry("enabled", false);

        var moved = vaults.move(alice, id, "deposits", Map.of("amount", Wallets.money("30.00")), UUID.randomUUID().toString())
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(moved).containsEntry("vaultId", id).containsEntry("kind", "DEPOSIT")
                .containsEntry("vaultBalance", Map.of("amount", "30.00", "currency", "EUR"))
                .containsEntry("walletBalance", Map.of("amount", "70.00", "currency", "EUR"));
        vaults.move(alice, id, "withdrawals", Map.of("amount", Wallets.money("5.50")), null).expectStatus().isCreated();

        assertThat(wallets.balance(alice)).isEqualTo("75.50");
        var after = vaults.vault(alice, id);
        assertThat(after.get("balance")).isEqualTo(Map.of("amount", "24.50", "currency", "EUR"));
        assertThat(after.get("progress")).isEqualTo(30);
        var list = api.get(alice, "/api/savings/vaults").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) list.get("items")).extracting(v -> v.get("id")).containsExactly(id);
        var history = api.get(alice, "/api/savings/vaults/" + id + "/transactions").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) history.get("items")).extracting(t -> t.get("kind"), t -> ((Map<String, Object>) t.get("amount")).get("amount"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("WITHDRAWAL", "-5.50"), org.assertj.core.groups.Tuple.tuple("DEPOSIT", "30.00"));
        var walletLines = api.get(alice, "/api/wallet/transactions").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) walletLines.get("items")).extracting(t -> t.get("type"))
                .startsWith("SAVINGS_WITHDRAWAL", "SAVINGS_DEPOSIT");
    }

    @Test
    void reaching_the_goal_notifies_the_owner_once() {
        var bob = wallets.payer("bob", "100.00");
        var id = (String) vaults.open(bob, "Bike", "50.00").get("id");
        vaults.deposit(bob, id, "30.00");
        vaults.deposit(bob, id, "25.00");
        vaults.deposit(bob, id, "1.00");

        assertThat(vaults.vault(bob, id).get("progress")).isEqualTo(100);
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(notifications(bob, "goal_reached")).hasSize(1));
        assertThat(notifications(bob, "goal_reached").getFirst()).containsEntry("vaultName", "Bike").containsEntry("goal", "50.00")
                .containsEntry("balance", "55.00");
    }

    @Test
    void moving_more_than_the_wallet_or_the_vault_holds_is_insufficient_funds_and_moves_nothing() {
        var carol = wallets.payer("carol", "10.00");
        var id = vaults.openId(carol, "Rainy day");
        vaults.move(carol, id, "deposits", Map.of("amount", Wallets.money("10.01")), UUID.randomUUID().toString())
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("insufficient_funds").jsonPath("$.from").isEqualTo("wallet");
        vaults.deposit(carol, id, "4.00");
        vaults.move(carol, id, "withdrawals", Map.of("amount", Wallets.money("4.01")), UUID.randomUUID().toString())
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("insufficient_funds").jsonPath("$.from").isEqualTo("vault");

        assertThat(wallets.balance(carol)).isEqualTo("6.00");
        assertThat(vaults.balance(carol, id)).isEqualTo("4.00");
    }

    @Test
    void the_same_idempotency_key_moves_money_once_and_another_body_with_it_is_refused() {
        var dan = wallets.payer("dan", "50.00");
        var id = vaults.openId(dan, "Car");
        var key = UUID.randomUUID().toString();
        var first = vaults.move(dan, id, "deposits", Map.of("amount", Wallets.money("10.00")), key).expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody();
        vaults.move(dan, id, "deposits", Map.of("amount", Wallets.money("10")), key).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).isEqualTo(first);
        vaults.move(dan, id, "deposits", Map.of("amount", Wallets.money("11.00")), key).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
        vaults.move(dan, id, "withdrawals", Map.of("amount", Wallets.money("10.00")), key).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");

        assertThat(vaults.balance(dan, id)).isEqualTo("10.00");
        assertThat(wallets.balance(dan)).isEqualTo("40.00");
    }

    @Test
    void nobody_sees_or_moves_another_user_s_vault() {
        var erin = wallets.payer("erin", "20.00");
        var id = vaults.openId(erin, "Secret");
        vaults.deposit(erin, id, "5.00");
        var mallory = wallets.payer("mallory", "20.00");

        for (var path : List.of("", "/transactions", "/statements/2026-11")) {
            api.get(mallory, "/api/savings/vaults/" + id + path).exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.code").isEqualTo("vault_not_found");
        }
        vaults.move(mallory, id, "withdrawals", Map.of("amount", Wallets.money("5.00")), null).expectStatus().isNotFound();
        vaults.move(mallory, id, "deposits", Map.of("amount", Wallets.money("5.00")), null).expectStatus().isNotFound();
        api.put(mallory, "/api/savings/vaults/" + id + "/round-ups", Map.of("enabled", true, "multiplier", 2)).exchange().expectStatus().isNotFound();
        api.delete(mallory, "/api/savings/vaults/" + id).exchange().expectStatus().isNotFound();
        api.get(mallory, "/api/savings/vaults/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
        api.get(mallory, "/api/savings/vaults/not-a-vault").exchange().expectStatus().isNotFound();

        assertThat(vaults.balance(erin, id)).isEqualTo("5.00");
        assertThat(wallets.balance(mallory)).isEqualTo("20.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void closing_a_vault_sweeps_its_balance_back_to_the_wallet_and_it_then_refuses_moves() {
        var frank = wallets.payer("frank", "40.00");
        var id = vaults.openId(frank, "Old");
        vaults.deposit(frank, id, "15.00");
        api.put(frank, "/api/savings/vaults/" + id + "/round-ups", Map.of("enabled", true, "multiplier", 1)).exchange().expectStatus().isOk();

        var closed = api.delete(frank, "/api/savings/vaults/" + id).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("balance", Map.of("amount", "0.00", "currency", "EUR"));
        assertThat((Map<String, Object>) closed.get("roundUps")).containsEntry("enabled", false);
        assertThat(wallets.balance(frank)).isEqualTo("40.00");
        api.delete(frank, "/api/savings/vaults/" + id).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        vaults.move(frank, id, "deposits", Map.of("amount", Wallets.money("1.00")), null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("vault_closed");
        api.method(frank, org.springframework.http.HttpMethod.PATCH, "/api/savings/vaults/" + id, Map.of("name", "New"))
                .exchange().expectStatus().isEqualTo(409);
    }

    @Test
    @SuppressWarnings("unchecked")
    void renaming_changing_and_removing_the_goal() {
        var gus = wallets.payer("gus", "30.00");
        var id = vaults.openId(gus, "Trip");
        vaults.deposit(gus, id, "20.00");

        var renamed = api.method(gus, org.springframework.http.HttpMethod.PATCH, "/api/savings/vaults/" + id,
                Map.of("name", "Lisbon", "goal", Map.of("amount", Wallets.money("40.00"), "date", "2099-06-30")))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(renamed).containsEntry("name", "Lisbon").containsEntry("progress", 50);
        assertThat((Map<String, Object>) renamed.get("goal")).containsEntry("date", "2099-06-30");

        // a raw body: the test client's JSON writer leaves null members out
        var removed = api.method(gus, org.springframework.http.HttpMethod.PATCH, "/api/savings/vaults/" + id, "{\"goal\":null}")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(removed).containsEntry("name", "Lisbon").doesNotContainKeys("goal", "progress");
    }

    private List<Map<String, Object>> notifications(Api.User user, String type) {
        return api.notifications(user, type);
    }
}
