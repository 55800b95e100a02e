package io.piaf.messaging.internal;

import java.util.List;

import io.piaf.common.Cursor;

/** A page of a list, newest first; {@code nextCursor} is absent on the last page. */
record Page<T>(List<T> items, String nextCursor) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    static int limit(Integer requested) {
        return Cursor.limit(requested, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** Cursor of a keyset on a sequence number, tagged so that one list's cursor is refused by another. */
    static String seqCursor(String tag, long seq) {
        return Cursor.encode(tag, seq);
    }

    /** The sequence number to read below: everything for the first page. */
    static long beforeSeq(String tag, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        var parts = Cursor.decode(cursor, 2);
        if (!parts.get(0).equals(tag)) {
            throw Cursor.invalid();
        }
        try {
            return Long.parseLong(parts.get(1));
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }
}
