package io.piaf.payments.internal.domain;

import io.piaf.common.ProblemException;

/** A payment's note: what the receipt says after the names ("pizza"). */
public final class Notes {

    public static final int MAX_LENGTH = 280;

    private Notes() {
    }

    /** Trims; blank is no note; refuses control characters and more than 280 characters. */
    public static String clean(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        var text = note.strip();
        if (text.codePointCount(0, text.length()) > MAX_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid_note", "A note is at most " + MAX_LENGTH + " characters, on one line.");
        }
        return text;
    }
}
