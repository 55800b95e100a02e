package io.piaf.savings.internal.domain;

import java.time.LocalDate;

import io.piaf.common.ProblemException;

/** What a vault saves toward: an amount, and optionally the day it should be reached by. */
public record Goal(long cents, LocalDate date) {

    public Goal {
        if (cents <= 0) {
            throw new IllegalArgumentException("A goal is a positive amount");
        }
    }

    /** A goal from the API; its date, when given, is {@code yyyy-mm-dd} and not before {@code today}. */
    public static Goal of(long cents, String date, LocalDate today) {
        if (date == null) {
            return new Goal(cents, null);
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (java.time.DateTimeException e) {
            throw ProblemException.badRequest("invalid_goal", "A goal's date is a day such as \"2027-06-30\".");
        }
        if (day.isBefore(today)) {
            throw ProblemException.badRequest("invalid_goal", "A goal's date is today or later.");
        }
        if (day.isAfter(today.plusYears(100))) {
            throw ProblemException.badRequest("invalid_goal", "A goal's date is within a hundred years.");
        }
        return new Goal(cents, day);
    }

    /** Progress toward the goal in whole percent, rounded down and at most 100: 100 means reached. */
    public int progress(long balanceCents) {
        if (balanceCents >= cents) {
            return 100;
        }
        return (int) (Math.max(0, balanceCents) * 100 / cents);
    }

    public boolean reachedBy(long balanceCents) {
        return balanceCents >= cents;
    }
}
