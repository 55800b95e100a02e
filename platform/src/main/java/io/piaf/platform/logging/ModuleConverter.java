package io.piaf.platform.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %module} in a log pattern: the Piaf module a logger belongs to ({@code payments}), or {@code -}. */
public class ModuleConverter extends ClassicConverter {

    private static final String BASE = "io.piaf.";

    @Override
    public String convert(ILoggingEvent event) {
        var name = event.getLoggerName();
        if (name == null || !name.startsWith(BASE)) {
            return "-";
        }
        var end = name.indexOf('.', BASE.length());
        return end < 0 ? "app" : name.substring(BASE.length(), end);
    }
}
