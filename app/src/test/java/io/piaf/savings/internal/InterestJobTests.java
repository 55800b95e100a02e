package io.piaf.savings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.savings.internal.domain.Interest;
import io.piaf.savings.internal.domain.InterestRate;
import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.MovableClock;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Vaults;
import io.piaf.testing.Wallets;
import reactor.core.publisher.Mono;

/**
 * The interest job against the rule: the clock jumps over a month (a rate change mid-month, a deposit and a
 * withdrawal on the same day, days missed while "down"), the job catches up and credits exactly what
 * {@link Interest} computes; running it again, twice at once, or after a run stopped half-way changes nothing.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class InterestJobTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired MovableClock clock;
    @Autowired InterestJob job;
    @Autowired ScheduleJob schedules;
    @Autowired RateStore rates;

    @Test
    void the_job_accrues_missed_days_credits_the_month_exactly_and_never_twice() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        var start = clock.today().withDayOfMonth(1).plusMonths(1);
        var month = YearMonth.from(start);
        clock.travelTo(start);
        catchUp();
        rates.schedule(start.plusDays(15), InterestRate.percent("3.00")).block();
        rates.schedule(start.plusMonths(1), InterestRate.percent("4.00")).block();

        var alice = wallets.payer("alice", "2000.00");
        var steady = vaults.openId(alice, "Steady");
        vaults.deposit(alice, steady, "1000.00");
        var busy = vaults.openId(alice, "Busy");
        vaults.deposit(alice, busy, "500.00");
        clock.travelTo(start.plusDays(9));
        vaults.deposit(alice, busy, "300.00");
        vaults.move(alice, busy, "withdrawals", Map.of("amount", Wallets.money("300.00")), null).expectStatus().isCreated();
        clock.travelTo(start.plusDays(20));
        vaults.deposit(alice, busy, "0.37");

        // "down" from the 21st: the job catches up every missed day, then credits the month on the 1st
        clock.travelTo(start.plusMonths(1));
        catchUp();
        var history = rates.history().block();
        var expectedSteady = Interest.accrue(Interest.Position.openedOn(start), 0, days(Map.of(start, 1_000_00L)), history, month.atEndOfMonth());
        var expectedBusy = Interest.accrue(Interest.Position.openedOn(start), 0,
                days(Map.of(start, 500_00L, start.plusDays(20), 37L)), history, month.atEndOfMonth());
        var days = month.lengthOfMonth();
        assertThat(expectedSteady.creditedCents()).as("1000 € at 4 %, then 3 % from the 16th")
                .isEqualTo(1_000_00L * (15 * 40_000L + (days - 15) * 30_000L) / Interest.UNITS_PER_CENT);

        assertThat(vaults.interestEarned(alice, steady)).isEqualTo(euros(expectedSteady.creditedCents()));
        assertThat(vaults.interestEarned(alice, busy)).isEqualTo(euros(expectedBusy.creditedCents()));
        assertThat(vaults.balance(alice, steady)).isEqualTo(euros(1_000_00L + expectedSteady.creditedCents()));
        assertThat(state(steady)).isEqualTo(expectedSteady.position());
        assertThat(state(busy)).isEqualTo(expectedBusy.position());

        // again, and twice at once: nothing more
        catchUp();
        Mono.zip(job.catchUp(), job.catchUp()).block();
        assertThat(state(steady)).isEqualTo(expectedSteady.position());
        assertThat(interestMovements(steady)).containsExactly(Map.of("amount", expectedSteady.creditedCents(), "value_day", start.plusMonths(1)));

        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(api.notifications(alice, "interest_credited"))
                .extracting(n -> n.get("vaultName"), n -> n.get("month"), n -> n.get("amount"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Steady", month.toString(), euros(expectedSteady.creditedCents())),
                        org.assertj.core.groups.Tuple.tuple("Busy", month.toString(), euros(expectedBusy.creditedCents()))));
    }

    @Test
    void a_run_stopped_half_way_resumes_without_counting_a_day_twice() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        catchUp();
        var opened = clock.today();
        var bob = wallets.payer("bob", "300.00");
        var first = vaults.openId(bob, "First");
        var second = vaults.openId(bob, "Second");
        vaults.deposit(bob, first, "100.00");
        vaults.deposit(bob, second, "200.00");
        clock.travelTo(opened.plusDays(3));

        // the run for the first day dies after the first vault's chunk committed
        var history = rates.history().block();
        var seq = db.sql("select seq from savings.vault where id = $1").bind(0, UUID.fromString(first))
                .map(r -> r.get(0, Long.class)).one().block();
        assertThat(job.accrueChunk(opened, history.on(opened).ppm(), seq, seq, 999_999).block()).isEqualTo(1);
        catchUp();

        for (var vault : List.of(Map.entry(first, 100_00L), Map.entry(second, 200_00L))) {
            var expected = Interest.accrue(Interest.Position.openedOn(opened), 0, days(Map.of(opened, vault.getValue())),
                    history, opened.plusDays(2));
            assertThat(state(vault.getKey())).isEqualTo(expected.position());
        }
    }

    @Test
    void a_scheduled_saving_runs_on_its_day_and_a_short_wallet_skips_it_with_a_notification_and_resumes() {
        var wallets = new Wallets(api);
        var vaults = new Vaults(api);
        catchUp();
        var carol = wallets.payer("carol", "25.00");
        var id = vaults.openId(carol, "Weekly");
        var today = clock.today();
        var day = today.getDayOfWeek().getValue() % 7 + 1; // tomorrow's day of the week
        var set = api.put(carol, "/api/savings/vaults/" + id + "/schedule", Map.of("amount", Wallets.money("10.00"), "frequency", "WEEKLY", "day", day))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(set.get("schedule")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("nextRun", today.plusDays(1).toString());

        clock.travelTo(today.plusDays(1));
        assertThat(schedules.runDue().block()).isGreaterThanOrEqualTo(1);
        assertThat(schedules.runDue().block()).isZero();
        clock.travelTo(today.plusDays(8));
        schedules.runDue().block();
        assertThat(vaults.balance(carol, id)).isEqualTo("20.00");
        assertThat(wallets.balance(carol)).isEqualTo("5.00");

        clock.travelTo(today.plusDays(15));
        schedules.runDue().block();
        assertThat(vaults.balance(carol, id)).isEqualTo("20.00");
        assertThat(wallets.balance(carol)).isEqualTo("5.00");
        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(api.notifications(carol, "scheduled_saving_skipped"))
                .singleElement().satisfies(n -> assertThat(n).containsEntry("code", "insufficient_funds").containsEntry("amount", "10.00")
                        .containsEntry("scheduledFor", today.plusDays(15).toString()).containsEntry("nextRun", today.plusDays(22).toString())));
        var vault = vaults.vault(carol, id);
        assertThat(vault.get("schedule")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("lastOutcome", "SKIPPED").containsEntry("nextRun", today.plusDays(22).toString());

        wallets.topUp(carol, "10.00");
        clock.travelTo(today.plusDays(22));
        schedules.runDue().block();
        assertThat(vaults.balance(carol, id)).isEqualTo("30.00");
        catchUp();
    }

    private void catchUp() {
        job.catchUp().block();
        schedules.runDue().block();
    }

    private Interest.Position state(String vault) {
        return db.sql("select accrued_through, paid_through, accrued_units from savings.vault where id = $1")
                .bind(0, UUID.fromString(vault))
                .map(r -> new Interest.Position(r.get(0, LocalDate.class), r.get(1, LocalDate.class), r.get(2, Long.class)))
                .one().block();
    }

    private List<Map<String, Object>> interestMovements(String vault) {
        return db.sql("select amount, value_day from savings.movement where vault_id = $1 and kind = 'INTEREST'")
                .bind(0, UUID.fromString(vault))
                .map(r -> Map.<String, Object>of("amount", r.get(0, Long.class), "value_day", r.get(1, LocalDate.class)))
                .all().collectList().block();
    }

    private static NavigableMap<LocalDate, Long> days(Map<LocalDate, Long> movements) {
        return new TreeMap<>(movements);
    }

    private static String euros(long cents) {
        return io.piaf.payments.Money.eur(cents).decimal();
    }
}
