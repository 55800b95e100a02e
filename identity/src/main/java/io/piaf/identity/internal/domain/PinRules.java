package io.piaf.identity.internal.domain;

import java.util.Set;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/**
 * What a PIN may be: 4 to 6 digits, and not one an attacker tries first. Three tries before a lock leave a thief
 * three guesses; studies of leaked PINs find {@code 1234}, {@code 1111}, {@code 0000}, {@code 1212}, {@code 2580}
 * (a keypad column) among the first, together covering a large share of real PINs. Refused: one digit repeated,
 * runs up or down ({@code 1234}, {@code 9876}, {@code 0123}), a short pattern repeated ({@code 1212}, {@code 123123}),
 * and keypad columns. Plain Java.
 */
public final class PinRules {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{4,6}");
    private static final Set<String> KEYPAD_LINES = Set.of("2580", "0852", "258", "852", "147", "741", "369", "963");

    private PinRules() {
    }

    public static boolean isWellFormed(String pin) {
        return pin != null && FORMAT.matcher(pin).matches();
    }

    /** Refuses a malformed or trivial new PIN with the problem the client gets. */
    public static void requireAcceptable(String pin) {
        if (!isWellFormed(pin)) {
            throw ProblemException.badRequest("invalid_pin_format", "A PIN is 4 to 6 digits.");
        }
        if (isTrivial(pin)) {
            throw ProblemException.badRequest("trivial_pin",
                    "This PIN is too easy to guess (repeated or consecutive digits, or a common pattern): choose another.");
        }
    }

    public static boolean isTrivial(String pin) {
        return isRun(pin, 0) || isRun(pin, 1) || isRun(pin, -1) || repeatsWithPeriod(pin, 2) || repeatsWithPeriod(pin, 3)
                || KEYPAD_LINES.stream().anyMatch(line -> line.length() >= 4 ? pin.contains(line) : pin.equals(line + line));
    }

    /** Each digit is the previous one plus {@code step}: {@code 0000} (0), {@code 3456} (+1), {@code 6543} (-1). */
    private static boolean isRun(String pin, int step) {
        for (int i = 1; i < pin.length(); i++) {
            if (pin.charAt(i) - pin.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }

    private static boolean repeatsWithPeriod(String pin, int period) {
        if (pin.length() <= period) {
            return false;
        }
        for (int i = period; i < pin.length(); i++) {
            if (pin.charAt(i) != pin.charAt(i - period)) {
                return false;
            }
        }
        return true;
    }
}
