package io.piaf.unlocks.internal.domain;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * An item's price ("or pay 1 €"): a decimal string in euros, like every amount of the API (never a JSON number),
 * greater than zero and at most the cap (by default payments' cap of one payment to a person).
 */
public final class Price {

    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,6})(?:\\.([0-9]{1,2}))?");

    private Price() {
    }

    public sealed interface Parsed {
    }

    public record Cents(long value) implements Parsed {
    }

    public record Refused(Refusal refusal) implements Parsed {
    }

    public static Parsed parse(Object amount, String currency, long maxCents) {
        if (!(amount instanceof String text) || !AMOUNT.matcher(text).matches()) {
            return bad("A price is a decimal string such as \"1.00\", at most 2 decimals.");
        }
        if (!"EUR".equals(currency)) {
            return new Refused(new Refusal(400, "unsupported_currency", "Piaf holds euros only: currency is \"EUR\"."));
        }
        var m = AMOUNT.matcher(text);
        m.matches();
        var fraction = m.group(2) == null ? "00" : m.group(2).length() == 1 ? m.group(2) + "0" : m.group(2);
        var cents = Long.parseLong(m.group(1)) * 100 + Long.parseLong(fraction);
        if (cents <= 0 || cents > maxCents) {
            return new Refused(new Refusal(400, "invalid_price", "A price is more than 0 and at most " + format(maxCents) + " EUR.",
                    Map.of("maxPrice", format(maxCents))));
        }
        return new Cents(cents);
    }

    public static String format(long cents) {
        return (cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + (cents % 100);
    }

    private static Parsed bad(String detail) {
        return new Refused(new Refusal(400, "invalid_price", detail));
    }
}
