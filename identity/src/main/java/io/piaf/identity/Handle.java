package io.piaf.identity;

import java.util.Locale;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/** A user's public name: 3–20 of {@code [a-z0-9_]}, case-insensitive, written without or with a leading {@code @}. */
public record Handle(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9_]{3,20}");

    public Handle {
        if (value == null || !VALID.matcher(value).matches()) {
            throw ProblemException.badRequest("invalid_handle",
                    "A handle is 3 to 20 letters, digits or underscores.");
        }
    }

    /** Normalises user input: trims, drops one leading {@code @}, lower-cases. */
    public static Handle parse(String input) {
        if (input == null) {
            throw ProblemException.badRequest("invalid_handle", "A handle is required.");
        }
        var text = input.strip();
        if (text.startsWith("@")) {
            text = text.substring(1);
        }
        return new Handle(text.toLowerCase(Locale.ROOT));
    }

    public static boolean isValid(String input) {
        return input != null && VALID.matcher(input.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
