package io.piaf.identity.internal.domain;

import io.piaf.common.ProblemException;

/**
 * A display name is 1 to 50 characters that show as what they are. Refused: control characters; format characters
 * (bidi overrides and isolates that reorder the text around them, zero-width spaces and joiners that make two
 * different names look the same, soft hyphens); private-use and unassigned code points; line separators; and check
 * marks, because the verified badge comes from the account's verified flag only, never from a name ("Alice ✔").
 * Plain Java.
 */
public final class DisplayNames {

    private DisplayNames() {
    }

    public static String require(String input) {
        var name = input == null ? "" : input.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 50) {
            throw ProblemException.badRequest("invalid_display_name", "A display name is 1 to 50 characters.");
        }
        name.codePoints().forEach(c -> {
            if (isHidden(c)) {
                throw ProblemException.badRequest("invalid_display_name",
                        "A display name cannot hold control, direction-changing or invisible characters (U+"
                                + String.format("%04X", c) + ").");
            }
            if (isCheckMark(c)) {
                throw ProblemException.badRequest("invalid_display_name",
                        "A display name cannot hold a check mark: the verified badge shows only on verified accounts.");
            }
        });
        return name;
    }

    static boolean isHidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            // Fillers that render as blank but are letters or marks, e.g. the Hangul filler and the braille blank.
            default -> c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 || c == 0x2800 || c == 0x034F
                    || (c >= 0x180B && c <= 0x180F);
        };
    }

    static boolean isCheckMark(int c) {
        return switch (c) {
            // ✓ ✔ ☑ ✅ 🗸 🗹 ✓-like Aegean check, √ (used as one), ☒ is a cross and allowed
            case 0x2713, 0x2714, 0x2611, 0x2705, 0x1F5F8, 0x1F5F9, 0x10102, 0x221A, 0x237B, 0x1F5F4 -> true;
            default -> false;
        };
    }
}
