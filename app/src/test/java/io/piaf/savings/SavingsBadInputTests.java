package io.piaf.savings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Vaults;
import io.piaf.testing.Wallets;

/** Every bad savings request is a 4xx problem+json with a stable code, and writes nothing. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class SavingsBadInputTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;

    record Bad(HttpMethod method, String path, String body, int status, String code) {
    }

    @Test
    void bad_input_gets_a_problem_with_a_stable_code_and_writes_nothing() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        var owner = wallets.payer("owner", "20.00");
        var vault = vaults.openId(owner, "Mine");
        vaults.deposit(owner, vault, "5.00");
        var closed = vaults.openId(owner, "Closed");
        api.delete(owner, "/api/savings/vaults/" + closed).exchange().expectStatus().isOk();
        var other = wallets.payer("other", "20.00");
        var theirs = vaults.openId(other, "Theirs");
        var v = "/api/savings/vaults/" + vault;
        var money = (java.util.function.Function<String, String>) json -> "{\"amount\":" + json + "}";

        var cases = List.of(
                new Bad(HttpMethod.POST, v + "/deposits", money.apply("{\"amount\":\"-1.00\",\"currency\":\"EUR\"}"), 400, "invalid_amount"),
                new Bad(HttpMethod.POST, v + "/deposits", money.apply("{\"amount\":\"0.00\",\"currency\":\"EUR\"}"), 400, "invalid_amount"),
                new Bad(HttpMethod.POST, v + "/deposits", money.apply("{\"amount\":\"1.005\",\"currency\":\"EUR\"}"), 400, "invalid_amount"),
                new Bad(HttpMethod.POST, v + "/deposits", money.apply("{\"amount\":1.5,\"currency\":\"EUR\"}"), 400, "invalid_amount"),
                new Bad(HttpMethod.POST, v + "/deposits", money.apply("{\"amount\":\"1.00\",\"currency\":\"USD\"}"), 400, "unsupported_currency"),
                new Bad(HttpMethod.POST, v + "/deposits", "{}", 400, "invalid_amount"),
                new Bad(HttpMethod.POST, v + "/deposits", money.apply("{\"amount\":\"15.01\",\"currency\":\"EUR\"}"), 422, "insufficient_funds"),
                new Bad(HttpMethod.POST, v + "/withdrawals", money.apply("{\"amount\":\"5.01\",\"currency\":\"EUR\"}"), 422, "insufficient_funds"),
                new Bad(HttpMethod.POST, "/api/savings/vaults/" + theirs + "/deposits", money.apply("{\"amount\":\"1.00\",\"currency\":\"EUR\"}"), 404, "vault_not_found"),
                new Bad(HttpMethod.POST, "/api/savings/vaults/" + java.util.UUID.randomUUID() + "/withdrawals", money.apply("{\"amount\":\"1.00\",\"currency\":\"EUR\"}"), 404, "vault_not_found"),
                new Bad(HttpMethod.POST, "/api/savings/vaults/" + closed + "/deposits", money.apply("{\"amount\":\"1.00\",\"currency\":\"EUR\"}"), 409, "vault_closed"),
                new Bad(HttpMethod.PUT, v + "/schedule", "{\"amount\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},\"frequency\":\"MONTHLY\",\"day\":32}", 400, "invalid_schedule"),
                new Bad(HttpMethod.PUT, v + "/schedule", "{\"amount\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},\"frequency\":\"WEEKLY\",\"day\":8}", 400, "invalid_schedule"),
                new Bad(HttpMethod.PUT, v + "/schedule", "{\"amount\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},\"frequency\":\"DAILY\",\"day\":1}", 400, "invalid_schedule"),
                new Bad(HttpMethod.PUT, v + "/schedule", "{\"amount\":{\"amount\":\"0\",\"currency\":\"EUR\"},\"frequency\":\"WEEKLY\",\"day\":1}", 400, "invalid_amount"),
                new Bad(HttpMethod.PUT, v + "/round-ups", "{\"enabled\":true,\"multiplier\":0}", 400, "invalid_multiplier"),
                new Bad(HttpMethod.PUT, v + "/round-ups", "{\"enabled\":true,\"multiplier\":11}", 400, "invalid_multiplier"),
                new Bad(HttpMethod.PUT, v + "/round-ups", "{\"enabled\":true}", 400, "invalid_multiplier"),
                new Bad(HttpMethod.PUT, v + "/round-ups", "{\"multiplier\":2}", 400, "invalid_round_ups"),
                new Bad(HttpMethod.PUT, "/api/savings/vaults/" + theirs + "/round-ups", "{\"enabled\":true,\"multiplier\":2}", 404, "vault_not_found"),
                new Bad(HttpMethod.POST, "/api/savings/vaults", "{\"name\":\"  \"}", 400, "invalid_name"),
                new Bad(HttpMethod.POST, "/api/savings/vaults", "{\"name\":\"" + "x".repeat(51) + "\"}", 400, "invalid_name"),
                new Bad(HttpMethod.POST, "/api/savings/vaults", "{\"name\":\"Goal\",\"goal\":{\"amount\":{\"amount\":\"10.00\",\"currency\":\"EUR\"},\"date\":\"2001-01-01\"}}", 400, "invalid_goal"),
                new Bad(HttpMethod.POST, "/api/savings/vaults", "{\"name\":\"Goal\",\"goal\":{\"amount\":{\"amount\":\"-10.00\",\"currency\":\"EUR\"}}}", 400, "invalid_amount"),
                new Bad(HttpMethod.POST, "/api/savings/vaults", "{\"name\":\"Goal\",\"goal\":{}}", 400, "invalid_goal"),
                new Bad(HttpMethod.PATCH, v, "{}", 400, "nothing_to_change"),
                new Bad(HttpMethod.PATCH, v, "{\"name\":\"\\u0000\"}", 400, "invalid_name"),
                new Bad(HttpMethod.GET, v + "/statements/2026-13", null, 400, "invalid_month"),
                new Bad(HttpMethod.GET, v + "/statements/2999-01", null, 400, "invalid_month"),
                new Bad(HttpMethod.GET, v + "/transactions?limit=0", null, 400, "invalid_limit"),
                new Bad(HttpMethod.GET, v + "/transactions?cursor=xyz", null, 400, "invalid_cursor"));

        var before = snapshot();
        var failures = new ArrayList<String>();
        for (var bad : cases) {
            var spec = api.http().method(bad.method()).uri(bad.path()).header("Authorization", owner.bearer());
            var result = (bad.body() == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(bad.body()))
                    .exchange().expectBody(Map.class).returnResult();
            var body = result.getResponseBody();
            var type = result.getResponseHeaders().getContentType();
            if (result.getStatus().value() != bad.status() || body == null || !bad.code().equals(body.get("code"))
                    || type == null || !type.toString().startsWith("application/problem+json")) {
                failures.add(bad + " -> " + result.getStatus().value() + " " + body);
            }
        }
        var tooLongKey = vaults.move(owner, vault, "deposits", Map.of("amount", Wallets.money("1.00")), "k".repeat(256));
        tooLongKey.expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_idempotency_key");

        assertThat(failures).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(vaults.balance(owner, vault)).isEqualTo("5.00");
        assertThat(wallets.balance(owner)).isEqualTo("15.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_monthly_schedule_on_the_31st_runs_on_the_last_day_of_shorter_months() {
        var owner = new Wallets(api).payer("sched", "10.00");
        var vault = new Vaults(api).openId(owner, "Monthly");
        var set = api.put(owner, "/api/savings/vaults/" + vault + "/schedule", Map.of("amount", Wallets.money("5.00"), "frequency", "MONTHLY", "day", 31))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        var schedule = (Map<String, Object>) set.get("schedule");
        var next = java.time.LocalDate.parse((String) schedule.get("nextRun"));
        assertThat(schedule).containsEntry("frequency", "MONTHLY").containsEntry("day", 31);
        assertThat(next.getDayOfMonth()).isEqualTo(next.lengthOfMonth());
        api.delete(owner, "/api/savings/vaults/" + vault + "/schedule").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.schedule").doesNotExist();
    }

    private Map<String, Long> snapshot() {
        var counts = new java.util.TreeMap<String, Long>();
        for (var table : List.of("savings.vault", "savings.movement", "savings.schedule", "payments.transfer", "payments.entry", "idempotency.key")) {
            counts.put(table, db.sql("select count(*) from " + table).map(r -> r.get(0, Long.class)).one().block());
        }
        counts.put("round-up vaults", db.sql("select count(*) from savings.vault where round_up_multiplier is not null")
                .map(r -> r.get(0, Long.class)).one().block());
        return counts;
    }
}
