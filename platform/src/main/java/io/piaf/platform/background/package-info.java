/**
 * What runs in the background of every instance: {@link io.piaf.platform.background.BackgroundWork}, a subscription
 * that starts and stops with the application, and {@link io.piaf.platform.background.PostgresChannels}, LISTEN on a
 * PostgreSQL channel with reconnection — how the outbox relay and the notification streams hear commits of any
 * instance.
 */
@org.springframework.modulith.NamedInterface("background")
package io.piaf.platform.background;
