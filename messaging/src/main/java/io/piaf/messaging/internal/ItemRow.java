package io.piaf.messaging.internal;

import io.r2dbc.spi.Readable;

/** An item as one reader sees it: its position in timelines, and its JSON, rendered by {@link ItemStore#JSON}. */
record ItemRow(long seq, String json) {

    static final String POST = "post";

    static ItemRow read(Readable row) {
        return new ItemRow(row.get(0, Long.class), row.get(1, String.class));
    }
}
