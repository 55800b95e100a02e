package io.piaf.outbox;

/**
 * Logical event names: the class name below {@code io.piaf}, e.g. {@code payments.PaymentCompleted}. Stable across
 * moves inside a module's API package is not a goal: renaming an event class is a contract change.
 */
public final class EventTypes {

    private static final String BASE = "io.piaf.";

    private EventTypes() {
    }

    public static String nameOf(Class<?> eventType) {
        var name = eventType.getName().replace('$', '.');
        return name.startsWith(BASE) ? name.substring(BASE.length()) : name;
    }
}
