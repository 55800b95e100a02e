package io.piaf.outbox;

import io.piaf.common.EventVersion;

/**
 * Logical event names: the class name below {@code io.piaf}, e.g. {@code payments.PaymentCompleted}. Stable across
 * moves inside a module's API package is not a goal: renaming an event class is a contract change.
 */
public final class EventTypes {

    private static final String BASE = "io.piaf.";

    private EventTypes() {
    }

    /**
     * The version of an event's JSON shape: its {@link EventVersion}. An event type without one cannot be appended:
     * a consumer outside the JVM would not know which shape it reads.
     */
    public static int versionOf(Class<?> eventType) {
        var version = eventType.getAnnotation(EventVersion.class);
        if (version == null) {
            throw new IllegalArgumentException(eventType.getName() + " is not annotated @EventVersion: published events "
                    + "carry the version of their JSON shape");
        }
        return version.value();
    }

    public static String nameOf(Class<?> eventType) {
        var name = eventType.getName().replace('$', '.');
        return name.startsWith(BASE) ? name.substring(BASE.length()) : name;
    }
}
