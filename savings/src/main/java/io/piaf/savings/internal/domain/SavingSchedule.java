package io.piaf.savings.internal.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import io.piaf.common.ProblemException;

/**
 * A standing order into a vault: {@code cents} every week on a day of the week (1 = Monday … 7 = Sunday), or every
 * month on a day of the month (1–31; in a shorter month, its last day: "the 31st" is 28 or 29 February).
 */
public record SavingSchedule(long cents, Frequency frequency, int day) {

    public enum Frequency {
        WEEKLY, MONTHLY
    }

    public SavingSchedule {
        if (cents <= 0) {
            throw new IllegalArgumentException("A schedule saves a positive amount");
        }
        if (frequency == null || day < 1 || day > (frequency == Frequency.WEEKLY ? 7 : 31)) {
            throw new IllegalArgumentException("No such day for " + frequency + ": " + day);
        }
    }

    /** A schedule from the API, or 400 {@code invalid_schedule}. */
    public static SavingSchedule of(long cents, String frequency, Integer day) {
        Frequency parsed;
        try {
            parsed = Frequency.valueOf(frequency == null ? "" : frequency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_schedule", "frequency is WEEKLY or MONTHLY.");
        }
        if (day == null || day < 1 || day > (parsed == Frequency.WEEKLY ? 7 : 31)) {
            throw ProblemException.badRequest("invalid_schedule", parsed == Frequency.WEEKLY
                    ? "A weekly schedule's day is 1 (Monday) to 7 (Sunday)."
                    : "A monthly schedule's day is 1 to 31 (in a shorter month, its last day).");
        }
        return new SavingSchedule(cents, parsed, day);
    }

    /** The first day strictly after {@code after} on which this schedule runs. */
    public LocalDate nextAfter(LocalDate after) {
        if (frequency == Frequency.WEEKLY) {
            return after.with(TemporalAdjusters.next(DayOfWeek.of(day)));
        }
        var thisMonth = onDayOf(after.withDayOfMonth(1));
        return thisMonth.isAfter(after) ? thisMonth : onDayOf(after.withDayOfMonth(1).plusMonths(1));
    }

    private LocalDate onDayOf(LocalDate firstOfMonth) {
        return firstOfMonth.withDayOfMonth(Math.min(day, firstOfMonth.lengthOfMonth()));
    }
}
