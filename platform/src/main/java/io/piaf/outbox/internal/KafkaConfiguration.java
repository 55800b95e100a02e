package io.piaf.outbox.internal;

import java.util.HashMap;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka publisher, only with {@code piaf.events.kafka.enabled=true}. Built here rather than by Boot's Kafka
 * auto-configuration so that a default run has no Kafka bean at all and the settings live under {@code piaf.events}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("piaf.events.kafka.enabled")
class KafkaConfiguration {

    @Bean
    DefaultKafkaProducerFactory<String, byte[]> outboxKafkaProducers(KafkaEventsProperties properties) {
        var config = new HashMap<String, Object>(properties.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // A delivery is complete only once every in-sync replica has the record, and a retried send is never written
        // twice nor reordered within a partition.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Broker down: fail the batch within seconds (it backs off and is retried by the outbox) instead of holding
        // the relay's transaction for the producer's two-minute default.
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "piaf-outbox");
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(config);
        factory.setPhysicalCloseTimeout(2);
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(DefaultKafkaProducerFactory<String, byte[]> producers) {
        return new KafkaTemplate<>(producers);
    }

    @Bean
    KafkaStreams outboxKafkaStreams(KafkaEventsProperties properties, KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        var started = System.nanoTime();
        var types = ExternalizedEvents.scan("io.piaf", KafkaConfiguration.class.getClassLoader());
        org.slf4j.LoggerFactory.getLogger(KafkaConfiguration.class).info("Found {} externalized event types in {} ms",
                types.size(), (System.nanoTime() - started) / 1_000_000);
        return new KafkaStreams(types, properties, kafka, json);
    }

    /**
     * Every stream's topic, created at start when missing (broker defaults for partitions and replicas). Left to the
     * broker's auto-creation, the first send to a new topic waited for its metadata past {@code max.block.ms}, failed,
     * and held its whole ordered stream in backoff: a fresh cluster's first events arrived ~25 s late, and a test's
     * topic stayed empty for 45 s. A broker down at start is not fatal: the outbox retries, auto-creation remains.
     */
    @Bean
    KafkaAdmin outboxKafkaAdmin(KafkaEventsProperties properties) {
        var admin = new KafkaAdmin(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
        admin.setOperationTimeout(5);
        admin.setFatalIfBrokerNotAvailable(false);
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics outboxKafkaTopics(KafkaStreams streams) {
        return new KafkaAdmin.NewTopics(streams.topics().stream().map(topic -> TopicBuilder.name(topic).build()).toArray(NewTopic[]::new));
    }

    @Bean
    KafkaInbox outboxKafkaInbox(KafkaEventsProperties properties, KafkaStreams streams, ListenerRegistry registry,
            DeliveryDispatcher dispatcher, OutboxProperties outbox, io.micrometer.core.instrument.MeterRegistry meters) {
        return new KafkaInbox(properties, streams, registry, dispatcher, outbox, meters);
    }
}
