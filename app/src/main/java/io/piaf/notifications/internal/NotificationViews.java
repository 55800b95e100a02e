package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.util.RawValue;

/** The one JSON shape of a notification, in the list and on the stream: {@code {id, type, createdAt, read, data}}. */
final class NotificationViews {

    private NotificationViews() {
    }

    static Map<String, Object> render(NotificationStore.Row row) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", Long.toString(row.seq()));
        view.put("type", row.type());
        view.put("createdAt", row.createdAt());
        view.put("read", row.read());
        view.put("data", new RawValue(row.dataJson()));
        return view;
    }
}
