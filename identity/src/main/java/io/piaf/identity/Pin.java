package io.piaf.identity;

import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/**
 * A payment PIN as typed: 4 to 6 digits. Its format is checked here, once, for every module that takes one; whether
 * it is the right one, only {@link Identity#checkPin} knows. Never printed.
 */
public record Pin(String digits) {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{4,6}");

    public Pin {
        if (!isWellFormed(digits)) {
            throw ProblemException.badRequest("invalid_pin_format", "A PIN is 4 to 6 digits.");
        }
    }

    public static Pin parse(String text) {
        return new Pin(text);
    }

    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return "Pin[****]";
    }
}
