package io.piaf.outbox.internal;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of this instance's outbox relay ({@code outboxRelay} in health): its LISTEN connection is up (other
 * instances' commits reach it at once; without it only the poll would), and it is draining — a drain has run within
 * {@code piaf.outbox.stall-after} and none has been running longer than that.
 */
@Component("outboxRelayHealthIndicator")
class OutboxHealth implements HealthIndicator {

    private final OutboxRelay relay;
    private final OutboxProperties properties;

    OutboxHealth(OutboxRelay relay, OutboxProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!relay.enabled()) {
            return Health.up().withDetail("relay", "disabled on this instance").build();
        }
        var listen = relay.listen.state();
        var progress = relay.lastProgress();
        var stallAfter = properties.stallAfter();
        var builder = listen.connected() ? Health.up() : Health.down();
        builder.withDetail("listen", listen.connected() ? "connected since " + listen.since()
                : "down since " + listen.since() + ": " + listen.lastError());
        builder.withDetail("lastProgress", progress == null ? "none yet" : progress.toString());
        if (progress != null && Duration.between(progress, Instant.now()).compareTo(stallAfter) > 0) {
            builder.down().withDetail("stalled", "no drain started or delivered a batch for over " + stallAfter);
        }
        return builder.build();
    }
}
