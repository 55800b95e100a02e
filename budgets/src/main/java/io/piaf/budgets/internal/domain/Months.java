package io.piaf.budgets.internal.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/** Budget months: calendar months in Piaf's zone, written {@code yyyy-MM}. */
public final class Months {

    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private Months() {
    }

    public static YearMonth of(Instant at, ZoneId zone) {
        return YearMonth.from(at.atZone(zone));
    }

    /** The month's first day, as the tables key a budget month. */
    public static LocalDate key(YearMonth month) {
        return month.atDay(1);
    }

    /** {@code yyyy-MM} from a client, or a 400 {@code invalid_month}. */
    public static YearMonth parse(String text) {
        if (text == null || !MONTH.matcher(text).matches()) {
            throw ProblemException.badRequest("invalid_month", "A month is written yyyy-mm, e.g. 2026-11.");
        }
        try {
            var month = YearMonth.parse(text);
            if (month.getYear() < 2000 || month.getYear() > 2999) {
                throw ProblemException.badRequest("invalid_month", "A month is between 2000-01 and 2999-12.");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid_month", "A month is written yyyy-mm, e.g. 2026-11.");
        }
    }
}
