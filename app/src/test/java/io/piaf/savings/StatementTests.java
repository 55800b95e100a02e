package io.piaf.savings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.piaf.testing.Api;
import io.piaf.testing.MovableClock;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Vaults;
import io.piaf.testing.Wallets;

/** A vault's monthly statement, as JSON and as CSV; the rate and its convention; the cap on open vaults. */
@PiafTest
class StatementTests {

    @Autowired Api api;
    @Autowired MovableClock clock;

    @Test
    @SuppressWarnings("unchecked")
    void a_month_s_statement_lists_its_movements_between_opening_and_closing_balances_in_json_and_csv() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        var alice = wallets.payer("alice", "100.00");
        var id = vaults.openId(alice, "Statement");
        vaults.deposit(alice, id, "40.00");
        vaults.move(alice, id, "withdrawals", Map.of("amount", Wallets.money("15.25")), UUID.randomUUID().toString()).expectStatus().isCreated();
        var month = clock.today().toString().substring(0, 7);

        var json = api.get(alice, "/api/savings/vaults/" + id + "/statements/" + month).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(json).containsEntry("month", month).containsEntry("name", "Statement")
                .containsEntry("openingBalance", Map.of("amount", "0.00", "currency", "EUR"))
                .containsEntry("closingBalance", Map.of("amount", "24.75", "currency", "EUR"))
                .containsEntry("totalIn", Map.of("amount", "40.00", "currency", "EUR"))
                .containsEntry("totalOut", Map.of("amount", "15.25", "currency", "EUR"))
                .containsEntry("interest", Map.of("amount", "0.00", "currency", "EUR"));
        assertThat((List<Map<String, Object>>) json.get("items")).extracting(i -> i.get("kind")).containsExactly("DEPOSIT", "WITHDRAWAL");

        var csv = api.get(alice, "/api/savings/vaults/" + id + "/statements/" + month).accept(MediaType.parseMediaType("text/csv"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"vault-.*-" + month + "\\.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        var lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("date,kind,amount,currency,balance_after,id");
        assertThat(lines[1]).isEqualTo(month + "-01,OPENING_BALANCE,,EUR,0.00,");
        assertThat(lines[2]).startsWith(clock.today() + ",DEPOSIT,40.00,EUR,40.00,");
        assertThat(lines[3]).startsWith(clock.today() + ",WITHDRAWAL,-15.25,EUR,24.75,");
        assertThat(lines[4]).endsWith(",CLOSING_BALANCE,,EUR,24.75,");
        assertThat(lines).hasSize(5);

        var earlier = api.get(alice, "/api/savings/vaults/" + id + "/statements/2020-01").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(earlier).containsEntry("closingBalance", Map.of("amount", "0.00", "currency", "EUR"));
        assertThat((List<?>) earlier.get("items")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_rate_says_its_convention_and_keeps_its_history() {
        var user = api.signUp("rate");
        var rate = api.get(user, "/api/savings/rate").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(rate).containsEntry("convention", "ACT/365 Fixed").containsKeys("annualRate", "effectiveFrom");
        assertThat((String) rate.get("annualRate")).matches("\\d+\\.\\d{2,4}");
        assertThat((List<Map<String, Object>>) rate.get("history")).extracting(h -> h.get("effectiveFrom")).contains("2000-01-01");
    }

    @Test
    void a_user_has_at_most_20_open_vaults() {
        var user = api.signUp("many");
        for (var i = 0; i < 20; i++) {
            api.post(user, "/api/savings/vaults", Map.of("name", "Vault " + i)).exchange().expectStatus().isCreated();
        }
        api.post(user, "/api/savings/vaults", Map.of("name", "One more")).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("vault_limit_reached").jsonPath("$.maxOpenVaults").isEqualTo(20);
    }
}
