package io.piaf.outbox.internal;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.piaf.platform.background.PostgresChannels;

/**
 * Readiness of this instance's outbox relay ({@code outboxRelay} in health): its LISTEN connection is up (other
 * instances' commits reach it at once; without it only the poll would), and it is draining — a drain has run within
 * {@code piaf.outbox.stall-after} and none has been running longer than that.
 */
@Component("outboxRelayHealthIndicator")
class OutboxHealth implements HealthIndicator {

    private final OutboxRelay relay;
    private final PostgresChannels channels;
    private final OutboxProperties properties;

    OutboxHealth(OutboxRelay relay, PostgresChannels channels, OutboxProperties properties) {
        this.relay = relay;
        this.channels = channels;
        this.properties = properties;
    }

    @Override
    public Health health() {
        if (!relay.enabled()) {
            return Health.up().withDetail("relay", "disabled on this instance").build();
        }
        var listening = channels.isListening(OutboxStore.CHANNEL);
        var progress = relay.lastProgress();
        var stallAfter = properties.stallAfter();
        var builder = listening ? Health.up() : Health.down();
        builder.withDetail("listen", listening ? "connected" : "down (reconnecting)");
        builder.withDetail("lastProgress", progress == null ? "none yet" : progress.toString());
        if (progress != null && Duration.between(progress, Instant.now()).compareTo(stallAfter) > 0) {
            builder.down().withDetail("stalled", "no drain started or delivered a batch for over " + stallAfter);
        }
        return builder.build();
    }
}
