package io.piaf.outbox.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay ({@code piaf.outbox.*}).
 *
 * @param relayEnabled whether this instance delivers events (off: it only appends; another instance delivers)
 * @param pollInterval safety-net polling; wake-ups normally come from LISTEN/NOTIFY and in-process commits
 * @param batchSize deliveries claimed per round trip
 * @param listenerTimeout a listener still running after this fails, so that its locks do not hold others back
 * @param initialBackoff first retry delay after a failure; doubles per attempt
 * @param maxBackoff ceiling of the retry delay
 * @param retention how long fully delivered events are kept for audit before they are deleted
 * @param inboxRetention how long a record received from Kafka is remembered as applied (the inbox): longer than the
 *        topics keep records (Kafka's default is 7 days), so that a consumer rewound to the oldest record still finds
 *        every record it already applied
 * @param housekeepingInterval how often metrics are refreshed and delivered events purged
 * @param stallAfter the relay is reported down (readiness) when no drain started or delivered a batch for this long
 */
@ConfigurationProperties("piaf.outbox")
record OutboxProperties(
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("128") int batchSize,
        @DefaultValue("30s") Duration listenerTimeout,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("1d") Duration retention,
        @DefaultValue("8d") Duration inboxRetention,
        @DefaultValue("30s") Duration housekeepingInterval,
        @DefaultValue("2m") Duration stallAfter) {

    Duration backoffAfter(int attempts) {
        var exponent = Math.min(Math.max(attempts - 1, 0), 20);
        var delay = initialBackoff.multipliedBy(1L << exponent);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
