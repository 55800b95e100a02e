package io.piaf.savings.internal.domain;

import io.piaf.common.ProblemException;

/** A vault's name: 1–50 characters once trimmed, one line, no control characters. */
public final class VaultName {

    public static final int MAX = 50;

    private VaultName() {
    }

    public static String clean(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.badRequest("invalid_name", "A vault has a name, e.g. \"Holidays\".");
        }
        var trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX) {
            throw new ProblemException(400, "invalid_name", "A vault's name is at most " + MAX + " characters.", java.util.Map.of("maxLength", MAX));
        }
        if (trimmed.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
            throw ProblemException.badRequest("invalid_name", "A vault's name is one line of visible characters.");
        }
        return trimmed;
    }
}
