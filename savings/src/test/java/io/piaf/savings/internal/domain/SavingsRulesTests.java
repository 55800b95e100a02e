package io.piaf.savings.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.piaf.common.ProblemException;

class SavingsRulesTests {

    @ParameterizedTest(name = "{0} {1} after {2} → {3}")
    @CsvSource({
            "MONTHLY, 31, 2025-01-31, 2025-02-28",   // the 31st of February is its last day
            "MONTHLY, 31, 2024-01-31, 2024-02-29",   // leap year
            "MONTHLY, 31, 2025-02-28, 2025-03-31",
            "MONTHLY, 30, 2025-02-27, 2025-02-28",
            "MONTHLY, 15, 2025-01-14, 2025-01-15",
            "MONTHLY, 15, 2025-01-15, 2025-02-15",   // strictly after
            "MONTHLY, 1,  2025-12-31, 2026-01-01",
            "WEEKLY,  1,  2025-03-05, 2025-03-10",   // a Wednesday → next Monday
            "WEEKLY,  3,  2025-03-05, 2025-03-12",   // Wednesday → the next one
            "WEEKLY,  7,  2025-03-05, 2025-03-09",   // Sunday
    })
    void schedules_run_on_their_day_and_on_the_last_day_of_shorter_months(String frequency, int day, LocalDate after, LocalDate next) {
        assertThat(SavingSchedule.of(10_00, frequency, day).nextAfter(after)).isEqualTo(next);
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource(nullValues = "null", value = { "WEEKLY, 0", "WEEKLY, 8", "MONTHLY, 0", "MONTHLY, 32", "MONTHLY, -1", "DAILY, 1",
            "monthly, 1", "null, 1", "MONTHLY, null" })
    void a_day_that_does_not_exist_is_invalid_schedule(String frequency, Integer day) {
        assertThatThrownBy(() -> SavingSchedule.of(10_00, frequency, day))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_schedule"));
    }

    @ParameterizedTest(name = "{0} cents ×{1} → {2}")
    @CsvSource({ "1250, 1, 50", "1250, 3, 150", "1299, 1, 1", "1200, 1, 0", "1, 10, 990", "100000, 10, 0", "1201, 2, 198" })
    void round_ups_save_the_change_to_the_next_euro_times_the_multiplier(long spent, int multiplier, long saved) {
        assertThat(RoundUp.of(spent, multiplier)).isEqualTo(saved);
    }

    @ParameterizedTest
    @ValueSource(strings = { "PAYMENT", "DONATION", "CARD_PURCHASE" })
    void spending_is_rounded_up(String kind) {
        assertThat(RoundUp.appliesTo(kind)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "TOP_UP", "SAVINGS_DEPOSIT", "SAVINGS_ROUND_UP", "SAVINGS_SCHEDULED", "SAVINGS_CLOSE", "REFUND" })
    void moves_that_are_not_spending_are_not(String kind) {
        assertThat(RoundUp.appliesTo(kind)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(ints = { 0, 11, -1 })
    void a_multiplier_outside_1_to_10_is_refused(Integer multiplier) {
        assertThatThrownBy(() -> RoundUp.multiplier(multiplier))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_multiplier"));
    }

    @ParameterizedTest(name = "{0} of 500.00 → {1} %")
    @CsvSource({ "0, 0", "12500, 25", "49999, 99", "50000, 100", "90000, 100" })
    void progress_is_whole_percent_rounded_down_and_100_only_when_reached(long balance, int progress) {
        assertThat(new Goal(500_00, null).progress(balance)).isEqualTo(progress);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2020-01-01", "tomorrow", "2025-02-30", "2225-01-01" })
    void a_goal_date_in_the_past_or_not_a_day_is_invalid_goal(String date) {
        assertThatThrownBy(() -> Goal.of(100_00, date, LocalDate.of(2025, 3, 1)))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_goal"));
    }

    @ParameterizedTest
    @ValueSource(strings = { " ", "a\nb", "x\u202Ey", "123456789012345678901234567890123456789012345678901" })
    void a_blank_multi_line_or_too_long_name_is_invalid_name(String name) {
        assertThatThrownBy(() -> VaultName.clean(name))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_name"));
    }
}
