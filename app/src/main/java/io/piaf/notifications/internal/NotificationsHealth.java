package io.piaf.notifications.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.piaf.platform.background.PostgresChannels;

/**
 * Readiness of live notifications ({@code notificationsListen} in health): without its LISTEN connection this
 * instance's open streams would hear of nothing new.
 */
@Component("notificationsListenHealthIndicator")
class NotificationsHealth implements HealthIndicator {

    private final NotificationSignals signals;
    private final PostgresChannels channels;

    NotificationsHealth(NotificationSignals signals, PostgresChannels channels) {
        this.signals = signals;
        this.channels = channels;
    }

    @Override
    public Health health() {
        return (channels.isListening(NotificationStore.CHANNEL) ? Health.up().withDetail("listen", "connected")
                : Health.down().withDetail("listen", "down (reconnecting)"))
                .withDetail("openStreams", signals.streams())
                .build();
    }
}
