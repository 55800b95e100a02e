package io.piaf.cards.internal.domain;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the holder allows the card to do. Limits are in cents; a change applies from the next authorization.
 *
 * @param perTransaction the largest single purchase
 * @param daily what the card may authorize per calendar day (Europe/Paris)
 * @param blockedMcc merchant category codes (ISO 18245, four digits) refused
 * @param blockedCountries merchant countries (ISO 3166-1 alpha-2) refused
 */
public record Controls(long perTransaction, long daily, Set<String> blockedMcc, boolean online, boolean contactless,
        Set<String> blockedCountries) {

    /** The most a card limit can be set to: 10,000.00. */
    public static final long MAX_LIMIT = 1_000_000;
    public static final Controls DEFAULTS = new Controls(100_000, 200_000, Set.of(), true, true, Set.of());

    private static final Pattern MCC = Pattern.compile("[0-9]{4}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Controls {
        blockedMcc = Set.copyOf(new TreeSet<>(blockedMcc));
        blockedCountries = Set.copyOf(new TreeSet<>(blockedCountries));
    }

    /** A change of some controls; null leaves one as it is. Throws {@link Invalid} with the field at fault. */
    public Controls with(Long perTransaction, Long daily, List<String> blockedMcc, Boolean online, Boolean contactless,
            List<String> blockedCountries) {
        var per = perTransaction == null ? this.perTransaction : limit("perTransaction", perTransaction);
        var day = daily == null ? this.daily : limit("daily", daily);
        if (per > day) {
            throw new Invalid("perTransaction", "The per-transaction limit cannot be above the daily limit.");
        }
        return new Controls(per, day,
                blockedMcc == null ? this.blockedMcc : codes("blockedMcc", blockedMcc, MCC, "four-digit merchant category codes"),
                online == null ? this.online : online, contactless == null ? this.contactless : contactless,
                blockedCountries == null ? this.blockedCountries
                        : codes("blockedCountries", blockedCountries, COUNTRY, "two-letter country codes such as \"US\""));
    }

    private static long limit(String field, long cents) {
        if (cents <= 0 || cents > MAX_LIMIT) {
            throw new Invalid(field, "A card limit is above 0.00 and at most 10000.00 EUR.");
        }
        return cents;
    }

    private static Set<String> codes(String field, List<String> codes, Pattern format, String what) {
        if (codes.size() > 50) {
            throw new Invalid(field, "At most 50 " + what + ".");
        }
        for (var code : codes) {
            if (code == null || !format.matcher(code).matches()) {
                throw new Invalid(field, "Expected " + what + ".");
            }
        }
        return Set.copyOf(codes);
    }

    /** A control that cannot be set so; {@code field} names it. */
    public static final class Invalid extends RuntimeException {

        private final String field;

        public Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
