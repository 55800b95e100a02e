package io.piaf.messaging.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * An item as a reader gets it. Everyone allowed to see it gets the same members; its parties also get
 * {@code details}; its author also gets the annotations other modules attached, each as a top-level member. JSON kept
 * in the database goes out as it is, unparsed.
 */
@Component
class ItemViews {

    /** Members every item has; an annotation may not take one of these names. */
    static final Set<String> RESERVED = Set.of("kind", "id", "author", "text", "visibility", "createdAt", "mentions",
            "tags", "parties", "details");

    private static final String EMPTY_OBJECT = "{}";

    private final JsonMapper json;

    ItemViews(JsonMapper json) {
        this.json = json;
    }

    Map<String, Object> render(ItemRow item, UUID reader) {
        var view = new LinkedHashMap<String, Object>();
        view.put("kind", item.kind());
        view.put("id", item.id().toString());
        view.put("author", Users.brief(item.authorId(), item.authorHandle(), item.authorName()));
        view.put("text", item.text());
        view.put("visibility", item.visibility().name());
        view.put("createdAt", item.createdAt());
        if (item.isPost()) {
            view.put("mentions", raw(item.mentionsJson(), "[]"));
            view.put("tags", List.of(item.tags()));
        } else {
            view.put("parties", raw(item.partiesJson(), "[]"));
            if (item.partyDetailsJson() != null && item.hasMember(reader)) {
                view.put("details", raw(item.partyDetailsJson(), EMPTY_OBJECT));
            }
        }
        if (item.authorId().equals(reader) && item.annotationsJson() != null && !EMPTY_OBJECT.equals(item.annotationsJson())) {
            json.readValue(item.annotationsJson(), Map.class).forEach((key, value) -> {
                if (!RESERVED.contains(key)) {
                    view.put((String) key, value);
                }
            });
        }
        return view;
    }

    private static Object raw(String jsonText, String empty) {
        if (jsonText == null || jsonText.equals(empty)) {
            return empty.equals("[]") ? List.of() : Map.of();
        }
        return new RawValue(jsonText);
    }
}
