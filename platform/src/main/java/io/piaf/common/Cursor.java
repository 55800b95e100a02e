package io.piaf.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An opaque pagination cursor: a keyset position (e.g. a timestamp and an id) encoded so that clients do not build
 * or parse it. A tampered or foreign cursor is a 400 {@code invalid_cursor}.
 */
public final class Cursor {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_\\-:.]+");

    private Cursor() {
    }

    public static String encode(Object... parts) {
        var joined = String.join("|", java.util.Arrays.stream(parts).map(String::valueOf).toList());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor made by {@link #encode} into exactly {@code expectedParts} parts. */
    public static List<String> decode(String cursor, int expectedParts) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var parts = List.of(text.split("\\|", -1));
            if (parts.size() != expectedParts || !parts.stream().allMatch(p -> SAFE.matcher(p).matches())) {
                throw invalid();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static ProblemException invalid() {
        return ProblemException.badRequest("invalid_cursor", "The cursor is not one this API returned.");
    }

    /** Clamps a client's page size to 1..max, defaulting when absent. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw ProblemException.badRequest("invalid_limit", "limit must be between 1 and " + max + ".");
        }
        return requested;
    }
}
