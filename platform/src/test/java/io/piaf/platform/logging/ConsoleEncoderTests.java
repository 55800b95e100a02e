package io.piaf.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

/** The console writes Piaf's readable lines, or JSON lines when a structured format is configured. */
class ConsoleEncoderTests {

    @Test
    void a_structured_format_writes_one_json_object_per_line() {
        var line = encode("ecs");

        assertThat(line).startsWith("{").endsWith("}\n").contains("\"message\":\"Payment 42 completed\"")
                .contains("\"log\":{\"level\":\"INFO\"").contains("\"traceId\":\"4bf92f3577b34da6\"");
    }

    @Test
    void without_one_the_pattern_is_used() {
        assertThat(encode("")).isEqualTo("INFO io.piaf.payments.internal.X [4bf92f3577b34da6] Payment 42 completed\n");
    }

    private static String encode(String format) {
        var context = new LoggerContext();
        context.putObject(org.springframework.core.env.Environment.class.getName(), new StandardEnvironment());
        var encoder = new ConsoleEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setPattern("%level %logger [%X{traceId}] %message%n");
        encoder.start();
        var event = new LoggingEvent("x", context.getLogger("io.piaf.payments.internal.X"), Level.INFO, "Payment {} completed", null,
                new Object[] { 42 });
        event.setMDCPropertyMap(java.util.Map.of("traceId", "4bf92f3577b34da6"));
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
