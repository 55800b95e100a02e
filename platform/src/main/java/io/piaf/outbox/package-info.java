/**
 * The transactional outbox on R2DBC: a module's state change and the events that announce it commit in one
 * transaction, and a relay delivers each event to each {@link io.piaf.outbox.OutboxListener} at least once, applied
 * once. Generic: it never knows a module's event types.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outbox", allowedDependencies = { "common", "platform::batching", "platform::background" })
package io.piaf.outbox;
