package io.piaf.savings.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Known cases of the interest rule. Expected figures were computed independently, with exact fractions (Python's
 * {@code fractions.Fraction}: {@code balance × rate / 365} per day, the floor credited on each month's last day and
 * added to the balance, the rest carried).
 */
class InterestTests {

    static final RateHistory FOUR_PERCENT = RateHistory.constant(InterestRate.percent("4.00"));

    /** Accrues a vault opened on {@code opened} with these movements through {@code through}. */
    static Interest.Outcome run(LocalDate opened, Map<LocalDate, Long> movements, RateHistory rates, LocalDate through) {
        return Interest.accrue(Interest.Position.openedOn(opened), 0, new TreeMap<>(movements), rates, through);
    }

    static Map<YearMonth, Long> byMonth(Interest.Outcome outcome) {
        return outcome.credits().stream().collect(Collectors.toMap(Interest.Credit::month, Interest.Credit::cents));
    }

    @Test
    void a_balance_held_365_days_at_4_percent_accrues_exactly_4_percent() {
        var units = 365 * Interest.dailyUnits(1_000_00, InterestRate.percent("4.00"));
        assertThat(units % Interest.UNITS_PER_CENT).isZero();
        assertThat(Interest.wholeCents(units)).isEqualTo(40_00);
    }

    @Test
    void a_whole_year_2025_at_4_percent_credited_monthly_pays_40_74_on_1000_euros() {
        var outcome = run(LocalDate.of(2025, 1, 1), Map.of(LocalDate.of(2025, 1, 1), 1_000_00L), FOUR_PERCENT, LocalDate.of(2025, 12, 31));

        assertThat(outcome.credits()).extracting(Interest.Credit::cents)
                .containsExactly(339L, 308L, 342L, 332L, 344L, 335L, 346L, 348L, 337L, 350L, 340L, 353L);
        assertThat(outcome.creditedCents()).isEqualTo(40_74);
        assertThat(outcome.credits().getLast().valueDay()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(outcome.position().paidThrough()).isEqualTo(LocalDate.of(2025, 12, 31));
        // 0.126904109589041... of a cent carries into January 2026
        assertThat(outcome.position().units()).isEqualTo(46_320_000L);
    }

    @Test
    void a_leap_year_has_366_days_of_one_365th_each() {
        var outcome = run(LocalDate.of(2024, 1, 1), Map.of(LocalDate.of(2024, 1, 1), 1_000_00L), FOUR_PERCENT, LocalDate.of(2024, 12, 31));

        assertThat(byMonth(outcome)).containsEntry(YearMonth.of(2024, 2), 319L); // 29 days
        assertThat(outcome.creditedCents()).isEqualTo(40_85);
        var units = 366 * Interest.dailyUnits(1_000_00, InterestRate.percent("4.00"));
        assertThat(Interest.wholeCents(units)).as("simple interest over 366 days: 366/365 × 40.00").isEqualTo(40_10);
    }

    @Test
    void a_rate_change_mid_month_applies_from_its_day() {
        var rates = new RateHistory(List.of(new RateHistory.Change(LocalDate.of(2000, 1, 1), InterestRate.percent("4.00")),
                new RateHistory.Change(LocalDate.of(2025, 3, 16), InterestRate.percent("3.00"))));
        var outcome = run(LocalDate.of(2025, 3, 1), Map.of(LocalDate.of(2025, 3, 1), 1_000_00L), rates, LocalDate.of(2025, 3, 31));

        // 15 days at 4 % and 16 at 3 %: 1000 × (15 × 0.04 + 16 × 0.03) / 365 = 2.958904… €
        assertThat(outcome.credits()).containsExactly(new Interest.Credit(YearMonth.of(2025, 3), 295, LocalDate.of(2025, 4, 1)));
        assertThat(outcome.position().cents()).isEqualByComparingTo("0.89041095890410");
    }

    @Test
    void a_deposit_and_a_withdrawal_on_the_same_day_leave_that_day_s_interest_unchanged() {
        var quiet = run(LocalDate.of(2025, 3, 1), Map.of(LocalDate.of(2025, 3, 1), 1_000_00L), FOUR_PERCENT, LocalDate.of(2025, 3, 31));
        // +500.00 then −500.00 on 10 March: the end-of-day balance is what counts
        var busy = run(LocalDate.of(2025, 3, 1), Map.of(LocalDate.of(2025, 3, 1), 1_000_00L, LocalDate.of(2025, 3, 10), 50_000L - 50_000L),
                FOUR_PERCENT, LocalDate.of(2025, 3, 31));

        assertThat(busy).isEqualTo(quiet);
        assertThat(quiet.creditedCents()).isEqualTo(3_39);
    }

    @Test
    void fractions_of_a_cent_carry_from_month_to_month_so_a_year_on_one_euro_pays_its_4_cents() {
        var outcome = run(LocalDate.of(2025, 1, 1), Map.of(LocalDate.of(2025, 1, 1), 1_00L), FOUR_PERCENT, LocalDate.of(2025, 12, 31));

        assertThat(byMonth(outcome)).containsOnlyKeys(YearMonth.of(2025, 4), YearMonth.of(2025, 7), YearMonth.of(2025, 9), YearMonth.of(2025, 12));
        assertThat(outcome.creditedCents()).isEqualTo(4);
    }

    @Test
    void a_vault_opened_mid_month_earns_from_its_first_day_and_on_each_end_of_day_balance() {
        var outcome = run(LocalDate.of(2025, 1, 15), Map.of(LocalDate.of(2025, 1, 15), 500_00L, LocalDate.of(2025, 2, 10), 250_00L),
                FOUR_PERCENT, LocalDate.of(2025, 2, 28));

        assertThat(byMonth(outcome)).isEqualTo(Map.of(YearMonth.of(2025, 1), 93L, YearMonth.of(2025, 2), 205L));
    }

    @Test
    void accruing_in_two_steps_is_accruing_in_one() {
        var movements = new TreeMap<>(Map.of(LocalDate.of(2025, 1, 1), 1_000_00L, LocalDate.of(2025, 5, 20), -300_00L));
        var once = Interest.accrue(Interest.Position.openedOn(LocalDate.of(2025, 1, 1)), 0, movements, FOUR_PERCENT, LocalDate.of(2025, 12, 31));
        var first = Interest.accrue(Interest.Position.openedOn(LocalDate.of(2025, 1, 1)), 0, movements, FOUR_PERCENT, LocalDate.of(2025, 6, 30));
        var balanceAtJuneEnd = 1_000_00L - 300_00L + first.creditedCents();
        var second = Interest.accrue(first.position(), balanceAtJuneEnd, movements.tailMap(LocalDate.of(2025, 6, 30), false),
                FOUR_PERCENT, LocalDate.of(2025, 12, 31));

        assertThat(first.creditedCents() + second.creditedCents()).isEqualTo(once.creditedCents());
        assertThat(second.position()).isEqualTo(once.position());
    }

    @Test
    void a_month_accrued_but_not_yet_credited_is_credited_first() {
        // accrued through 31 January (0.5 € of units), the job stopped before crediting it
        var position = new Interest.Position(LocalDate.of(2025, 1, 31), LocalDate.of(2024, 12, 31), 50 * Interest.UNITS_PER_CENT + 7);
        var outcome = Interest.accrue(position, 0, new TreeMap<>(), FOUR_PERCENT, LocalDate.of(2025, 1, 31));

        assertThat(outcome.credits()).containsExactly(new Interest.Credit(YearMonth.of(2025, 1), 50, LocalDate.of(2025, 2, 1)));
        assertThat(outcome.position()).isEqualTo(new Interest.Position(LocalDate.of(2025, 1, 31), LocalDate.of(2025, 1, 31), 7));
    }

    @Test
    void rates_read_and_print_as_percentages_with_up_to_four_decimals() {
        assertThat(InterestRate.percent("4.00").ppm()).isEqualTo(40_000);
        assertThat(InterestRate.percent("3.125").percent()).isEqualTo("3.125");
        assertThat(InterestRate.percent("4").percent()).isEqualTo("4.00");
        assertThat(RateHistory.constant(InterestRate.percent("2.5")).on(LocalDate.of(2030, 1, 1)).percent()).isEqualTo("2.50");
    }
}
