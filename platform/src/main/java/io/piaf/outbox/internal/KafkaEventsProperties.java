package io.piaf.outbox.internal;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publishing events to Apache Kafka ({@code piaf.events.kafka.*}), off by default: Piaf needs no broker.
 *
 * @param enabled publish the {@link io.piaf.common.Externalized} event types to Kafka through the outbox
 * @param bootstrapServers the broker(s), e.g. {@code localhost:9092} ({@code bin/kafka start})
 * @param topicPrefix a stream's topic is this prefix and the stream's name: {@code piaf.payments}
 * @param streams the streams to publish; empty publishes every stream the event types declare
 * @param producer more Kafka producer settings, e.g. {@code linger.ms}; acks and idempotence are not negotiable
 * @param consumedBy modules whose listeners take the externalized events from Kafka (consumer group
 *        {@code piaf.<module>}) instead of from in-process deliveries: the first step of running a module on its own
 */
@ConfigurationProperties("piaf.events.kafka")
record KafkaEventsProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("piaf.") String topicPrefix,
        @DefaultValue Set<String> streams,
        @DefaultValue Map<String, String> producer,
        @DefaultValue Set<String> consumedBy) {

    String topicOf(String stream) {
        return topicPrefix + stream;
    }
}
