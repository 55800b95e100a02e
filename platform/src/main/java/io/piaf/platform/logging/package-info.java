/**
 * Logging: log lines of a request with its trace id ({@link io.piaf.platform.logging.RequestLogs}), and the
 * {@code %module} pattern converter.
 */
@org.springframework.modulith.NamedInterface("logging")
package io.piaf.platform.logging;
