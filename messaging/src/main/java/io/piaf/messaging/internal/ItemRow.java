package io.piaf.messaging.internal;

import java.time.Instant;
import java.util.UUID;

import io.piaf.messaging.Visibility;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;

/**
 * One row of {@code messaging.item}: a post or an item published on a user's behalf. The jsonb members stay JSON text:
 * they go to clients as they are.
 */
record ItemRow(long seq, UUID id, String kind, UUID authorId, String authorHandle, String authorName, UUID[] members,
        Visibility visibility, String text, String mentionsJson, String[] tags, String partiesJson,
        String partyDetailsJson, String annotationsJson, Instant createdAt) {

    static final String POST = "post";

    static final String COLUMNS = "i.seq, i.id, i.kind, i.author_id, i.author_handle, i.author_name, i.members, "
            + "i.visibility, i.text, i.mentions, i.tags, i.parties, i.party_details, i.annotations, i.created_at";

    boolean isPost() {
        return POST.equals(kind);
    }

    boolean hasMember(UUID user) {
        for (var member : members) {
            if (member.equals(user)) {
                return true;
            }
        }
        return false;
    }

    static ItemRow read(Readable row) {
        return new ItemRow(row.get("seq", Long.class), row.get("id", UUID.class), row.get("kind", String.class),
                row.get("author_id", UUID.class), row.get("author_handle", String.class),
                row.get("author_name", String.class), row.get("members", UUID[].class),
                Visibility.valueOf(row.get("visibility", String.class)), row.get("text", String.class),
                json(row, "mentions"), row.get("tags", String[].class), json(row, "parties"),
                json(row, "party_details"), json(row, "annotations"), row.get("created_at", Instant.class));
    }

    private static String json(Readable row, String column) {
        var value = row.get(column, Json.class);
        return value == null ? null : value.asString();
    }
}
