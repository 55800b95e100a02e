package io.piaf.commerce.internal.domain;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.UUID;

import io.piaf.common.ProblemException;

/**
 * When a merchant's balance goes to its bank account by itself (Stripe's payout schedule): never ({@code MANUAL}, on
 * demand only), every day, or every week on {@code weeklyAnchor}. A run pays out the whole balance as of the day it
 * was due; days missed while Piaf was down are paid once, not once each.
 */
public record PayoutSchedule(Interval interval, DayOfWeek weeklyAnchor) {

    public enum Interval {
        MANUAL, DAILY, WEEKLY
    }

    public PayoutSchedule {
        if (interval == null || (interval == Interval.WEEKLY) != (weeklyAnchor != null)) {
            throw new IllegalArgumentException("A weekly schedule, and only it, has an anchor: " + interval + " " + weeklyAnchor);
        }
    }

    public static final PayoutSchedule MANUAL = new PayoutSchedule(Interval.MANUAL, null);

    /** A schedule from the API ({@code "manual"}, {@code "daily"}, {@code "weekly"} + {@code "monday"}…), or 400. */
    public static PayoutSchedule of(Object interval, Object weeklyAnchor) {
        Interval parsed = null;
        if (interval instanceof String text && text.equals(text.toLowerCase(Locale.ROOT))) {
            try {
                parsed = Interval.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
        }
        if (parsed == null) {
            throw invalid("interval is manual, daily or weekly.");
        }
        if (parsed != Interval.WEEKLY) {
            if (weeklyAnchor != null) {
                throw invalid("weeklyAnchor goes with a weekly interval only.");
            }
            return new PayoutSchedule(parsed, null);
        }
        if (weeklyAnchor == null) {
            return new PayoutSchedule(parsed, DayOfWeek.MONDAY);
        }
        for (var day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).equals(weeklyAnchor)) {
                return new PayoutSchedule(parsed, day);
            }
        }
        throw invalid("weeklyAnchor is a day of the week in English, lower case: monday … sunday.");
    }

    /** The first day strictly after {@code after} on which the balance is paid out; null when manual. */
    public LocalDate nextAfter(LocalDate after) {
        return switch (interval) {
            case MANUAL -> null;
            case DAILY -> after.plusDays(1);
            case WEEKLY -> after.with(TemporalAdjusters.next(weeklyAnchor));
        };
    }

    /**
     * The payout of a merchant's run due on {@code day}: derived, so that the ledger (which posts a kind and reference
     * once) and the payout's primary key both refuse a second payout for the same run, whichever instance makes it.
     */
    public static UUID payoutId(UUID merchant, LocalDate day) {
        return UUID.nameUUIDFromBytes(("scheduled-payout:" + merchant + ":" + day).getBytes(StandardCharsets.UTF_8));
    }

    public String intervalName() {
        return interval.name().toLowerCase(Locale.ROOT);
    }

    public String anchorName() {
        return weeklyAnchor == null ? null : weeklyAnchor.name().toLowerCase(Locale.ROOT);
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.badRequest("invalid_payout_schedule", detail);
    }
}
