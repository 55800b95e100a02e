package io.piaf.commerce.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.piaf.common.ProblemException;

class PayoutScheduleTests {

    @ParameterizedTest(name = "{0} {1}, after {2}: next payout on {3}")
    @CsvSource({
            "manual, ,        2026-11-30, ",
            "daily, ,         2026-11-30, 2026-12-01",
            "daily, ,         2026-12-31, 2027-01-01",
            "weekly, ,        2026-11-30, 2026-12-07", // Monday by default, strictly after a Monday: the next one
            "weekly, friday,  2026-11-30, 2026-12-04",
            "weekly, friday,  2026-12-04, 2026-12-11",
            "weekly, sunday,  2026-12-05, 2026-12-06",
    })
    void the_next_payout_is_the_first_day_after_the_last_run_the_schedule_names(String interval, String anchor, LocalDate after, LocalDate next) {
        assertThat(PayoutSchedule.of(interval, anchor).nextAfter(after)).isEqualTo(next);
    }

    @ParameterizedTest(name = "interval {0}, weeklyAnchor {1}: 400")
    @CsvSource({
            ", ",
            "hourly, ",
            "DAILY, ",           // the API speaks lower case, as Stripe does
            "monthly, ",
            "daily, monday",     // an anchor only goes with weekly
            "manual, friday",
            "weekly, Friday",
            "weekly, someday",
    })
    void a_schedule_the_api_does_not_know_is_refused(String interval, String anchor) {
        assertThatThrownBy(() -> PayoutSchedule.of(interval, anchor)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_payout_schedule"));
    }

    @Test
    void a_wrong_json_type_is_refused_too() {
        assertThatThrownBy(() -> PayoutSchedule.of(1, null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PayoutSchedule.of("weekly", 5)).isInstanceOf(ProblemException.class);
    }

    @Test
    void a_run_has_one_payout_id_whoever_makes_it_and_each_run_its_own() {
        var merchant = UUID.randomUUID();
        var day = LocalDate.parse("2026-12-01");
        assertThat(PayoutSchedule.payoutId(merchant, day)).isEqualTo(PayoutSchedule.payoutId(merchant, day))
                .isNotEqualTo(PayoutSchedule.payoutId(merchant, day.plusDays(1)))
                .isNotEqualTo(PayoutSchedule.payoutId(UUID.randomUUID(), day));
    }
}
