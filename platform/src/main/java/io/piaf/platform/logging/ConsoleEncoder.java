package io.piaf.platform.logging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * The console's encoder: Piaf's readable pattern by default, or one JSON object per line when
 * {@code logging.structured.format.console} names a format ({@code ecs}, {@code logstash}, {@code gelf}) — Boot's
 * own structured logging, which a custom logback-spring.xml otherwise switches off.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern;
    private String format;
    private Charset charset = StandardCharsets.UTF_8;
    private Encoder<ILoggingEvent> delegate;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        if (format != null && !format.isBlank()) {
            var structured = new StructuredLogEncoder();
            structured.setContext(getContext());
            structured.setFormat(format.strip());
            structured.setCharset(charset);
            delegate = structured;
        } else {
            var readable = new PatternLayoutEncoder();
            readable.setContext(getContext());
            readable.setPattern(pattern);
            readable.setCharset(charset);
            delegate = readable;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
