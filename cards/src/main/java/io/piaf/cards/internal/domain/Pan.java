package io.piaf.cards.internal.domain;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A primary account number: 16 digits, Luhn-valid, starting with the issuer's BIN. Its {@link #toString()} shows
 * BIN + last four only (PCI DSS 4.0.1 §3.4.1), so a PAN that reaches a log by mistake is still masked; the full
 * number is read only through {@link #digits()}, by the cipher, the lookup hash and a revealed card.
 */
public final class Pan {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{12,19}");

    private final String digits;

    private Pan(String digits) {
        this.digits = digits;
    }

    /** A PAN as received (from the network, or decrypted); empty unless it is 12 to 19 digits and Luhn-valid. */
    public static java.util.Optional<Pan> parse(String text) {
        if (text == null || !DIGITS.matcher(text).matches() || !luhnValid(text)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Pan(text));
    }

    /** A fresh 16-digit PAN in the BIN: random account digits and the Luhn check digit. */
    public static Pan issue(String bin, SecureRandom random) {
        if (bin == null || !bin.matches("[0-9]{6,8}")) {
            throw new IllegalArgumentException("A BIN is 6 to 8 digits");
        }
        var body = new StringBuilder(bin);
        while (body.length() < 15) {
            body.append(random.nextInt(10));
        }
        return new Pan(body.append(checkDigit(body)).toString());
    }

    public String digits() {
        return digits;
    }

    public String bin() {
        return digits.substring(0, 6);
    }

    public String last4() {
        return digits.substring(digits.length() - 4);
    }

    /** BIN and last four with the middle masked, as PCI DSS allows it to be shown: {@code 489537******4242}. */
    public String masked() {
        return bin() + "*".repeat(digits.length() - 10) + last4();
    }

    static boolean luhnValid(String digits) {
        var sum = 0;
        for (var i = 0; i < digits.length(); i++) {
            var d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    static char checkDigit(CharSequence body) {
        var sum = 0;
        for (var i = 0; i < body.length(); i++) {
            var d = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pan p && p.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digits);
    }

    @Override
    public String toString() {
        return masked();
    }
}
