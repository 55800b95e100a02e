package io.piaf.savings.internal.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Piaf's interest rule, the one the daily job applies in SQL and a closing vault applies here.
 *
 * <ul>
 * <li>Each Europe/Paris day earns {@code end-of-day balance × annual rate / 365} (ACT/365 Fixed: every day is 1/365
 * of a year, so a leap year's 366 days earn 366/365 of the rate).</li>
 * <li>Nothing is rounded while interest accrues: amounts are counted in units of 1/365,000,000 of a cent, in which a
 * day's interest (balance in cents × rate in ppm) is a whole number.</li>
 * <li>On the last day of a month the whole cents accrued are credited, value-dated the 1st of the next month (so the
 * next day's balance earns on them); the fraction of a cent left carries into the next month.</li>
 * </ul>
 */
public final class Interest {

    /** Units per cent: with the balance in cents and the rate in ppm, a day's interest is a whole number of units. */
    public static final long UNITS_PER_CENT = 365L * 1_000_000L;

    private Interest() {
    }

    /** Where a vault's interest stands: accrued through a day, credited through a month's last day, units not yet credited. */
    public record Position(LocalDate accruedThrough, LocalDate paidThrough, long units) {

        public Position {
            if (units < 0) {
                throw new IllegalArgumentException("Accrued interest is never negative");
            }
        }

        /** A vault opened on {@code day}: nothing accrued before it, nothing owed for earlier months. */
        public static Position openedOn(LocalDate day) {
            return new Position(day.minusDays(1), day.withDayOfMonth(1).minusDays(1), 0);
        }

        /** The accrued interest in cents, finer than the cent, for display: e.g. 0.95890410958904 cents. */
        public BigDecimal cents() {
            return BigDecimal.valueOf(units).divide(BigDecimal.valueOf(UNITS_PER_CENT), 14, java.math.RoundingMode.DOWN);
        }
    }

    /** Interest credited for {@code month}, in whole cents, counting from {@code valueDay}. */
    public record Credit(YearMonth month, long cents, LocalDate valueDay) {
    }

    public record Outcome(Position position, List<Credit> credits) {

        public long creditedCents() {
            return credits.stream().mapToLong(Credit::cents).sum();
        }
    }

    /** One day's interest on an end-of-day balance, in units. */
    public static long dailyUnits(long endOfDayBalanceCents, InterestRate rate) {
        if (endOfDayBalanceCents < 0) {
            throw new IllegalArgumentException("A vault's balance is never negative");
        }
        return Math.multiplyExact(endOfDayBalanceCents, (long) rate.ppm());
    }

    /**
     * Accrues every day after {@code position.accruedThrough()} through {@code through}, crediting each month whose
     * last day is accrued (and a month accrued but not yet credited, as after a crash between the two).
     *
     * @param openingBalance the vault's balance at the end of {@code position.accruedThrough()}
     * @param movements what moved in or out on each later day (signed cents by value day), credits excepted: those
     *        are made here and returned
     */
    public static Outcome accrue(Position position, long openingBalance, NavigableMap<LocalDate, Long> movements,
            RateHistory rates, LocalDate through) {
        var credits = new ArrayList<Credit>();
        var units = position.units();
        var paidThrough = position.paidThrough();
        var balance = openingBalance;
        var day = position.accruedThrough();
        while (true) {
            if (isMonthEnd(day) && paidThrough.isBefore(day)) {
                var cents = units / UNITS_PER_CENT;
                units -= cents * UNITS_PER_CENT;
                paidThrough = day;
                if (cents > 0) {
                    credits.add(new Credit(YearMonth.from(day), cents, day.plusDays(1)));
                    balance += cents;
                }
            }
            if (!day.isBefore(through)) {
                break;
            }
            day = day.plusDays(1);
            balance += movements.getOrDefault(day, 0L);
            units = Math.addExact(units, dailyUnits(balance, rates.on(day)));
        }
        return new Outcome(new Position(day, paidThrough, units), credits);
    }

    /** Whole cents of {@code units}: what a month's credit (or a closing vault) pays; the rest is a fraction of a cent. */
    public static long wholeCents(long units) {
        return units / UNITS_PER_CENT;
    }

    public static boolean isMonthEnd(LocalDate day) {
        return day.getDayOfMonth() == day.lengthOfMonth();
    }
}
