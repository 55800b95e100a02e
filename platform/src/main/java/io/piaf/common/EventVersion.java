package io.piaf.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema version of a published event's JSON. The outbox stores it with each event (and a broker will carry it as
 * a header), so a consumer outside the JVM knows which shape it reads. Bump it whenever a field is renamed, removed or
 * changes meaning; {@code docs/events.md} lists each event's current shape and a test keeps it in step.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {

    int value();
}
