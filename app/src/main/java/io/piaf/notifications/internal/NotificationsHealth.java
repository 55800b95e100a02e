package io.piaf.notifications.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of live notifications ({@code notificationsListen} in health): without its LISTEN connection this
 * instance's open streams would hear of nothing new.
 */
@Component("notificationsListenHealthIndicator")
class NotificationsHealth implements HealthIndicator {

    private final NotificationSignals signals;

    NotificationsHealth(NotificationSignals signals) {
        this.signals = signals;
    }

    @Override
    public Health health() {
        var state = signals.listen.state();
        return (state.connected() ? Health.up().withDetail("listen", "connected since " + state.since())
                : Health.down().withDetail("listen", "down since " + state.since() + ": " + state.lastError()))
                .withDetail("openStreams", signals.streams())
                .build();
    }
}
