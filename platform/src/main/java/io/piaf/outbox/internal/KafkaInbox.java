package io.piaf.outbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consuming side: the modules named in {@code piaf.events.kafka.consumed-by} get their externalized source events
 * from Kafka (consumer group {@code piaf.<module>}) instead of from in-process deliveries, and their same
 * {@code @OutboxListener} methods run on them — the code of a module does not change when it moves out. A poll's
 * records run each listener once, in one transaction per listener with an inbox row per record keyed by its event id
 * (de-duplication), as a relay batch does in process: record by record, a single consumer thread topped out near 12
 * events/s on the 2-core VM and a pay-by-post waited a second for its notification. When a batch fails, its records
 * run one by one and the first that fails is retried with backoff and never skipped, holding back its partition (and
 * so its aggregate); the records before it are committed.
 */
final class KafkaInbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaInbox.class);

    private final KafkaEventsProperties properties;
    private final KafkaStreams streams;
    private final ListenerRegistry registry;
    private final DeliveryDispatcher dispatcher;
    private final OutboxProperties outbox;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers = new ArrayList<>();
    private volatile boolean running;

    KafkaInbox(KafkaEventsProperties properties, KafkaStreams streams, ListenerRegistry registry, DeliveryDispatcher dispatcher,
            OutboxProperties outbox, io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.properties = properties;
        this.streams = streams;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
    }

    @Override
    public synchronized void start() {
        var byModule = registry.receivedFromBroker().stream()
                .collect(Collectors.groupingBy(l -> ListenerIds.moduleOf(l.id())));
        for (var module : properties.consumedBy()) {
            var listeners = byModule.getOrDefault(module, List.of());
            if (listeners.isEmpty()) {
                log.warn("piaf.events.kafka.consumed-by names {}, which listens to no externalized event", module);
                continue;
            }
            var byType = listeners.stream().collect(Collectors.groupingBy(ListenerRegistry.Listener::eventType,
                    Collectors.mapping(ListenerRegistry.Listener::id, Collectors.toList())));
            var topics = byType.keySet().stream().map(streams::topicOf).distinct().sorted().toArray(String[]::new);
            var container = new ConcurrentMessageListenerContainer<>(consumers("piaf." + module), new ContainerProperties(topics));
            container.getContainerProperties().setMessageListener((BatchMessageListener<String, byte[]>) records -> receive(records, byType));
            var backOff = new ExponentialBackOff(200, 2);
            backOff.setMaxInterval(outbox.maxBackoff().toMillis());
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff)); // unbounded: a record is never skipped
            container.setBeanName("kafkaInbox-" + module);
            container.start();
            containers.add(container);
            log.info("{} takes {} from Kafka topics {} (group piaf.{})", module, byType.keySet().stream().sorted().toList(),
                    List.of(topics), module);
        }
        running = true;
    }

    private void receive(List<ConsumerRecord<String, byte[]>> records, Map<String, List<String>> listenersByType) {
        var byListener = new LinkedHashMap<String, List<Received>>();
        for (var index = 0; index < records.size(); index++) {
            var record = records.get(index);
            var type = header(record, KafkaStreams.EVENT_TYPE);
            var listeners = type == null ? null : listenersByType.get(type);
            if (listeners == null) {
                continue; // another module's event on a shared stream
            }
            var eventId = UUID.fromString(header(record, KafkaStreams.EVENT_ID));
            var version = Integer.parseInt(header(record, KafkaStreams.SCHEMA_VERSION));
            var occurredAt = Instant.parse(header(record, KafkaStreams.OCCURRED_AT));
            for (var listener : listeners) {
                byListener.computeIfAbsent(listener, l -> new ArrayList<>()).add(new Received(index,
                        new OutboxStore.Claimed(record.offset(), listener, 0, eventId, type, version, record.value(), occurredAt)));
            }
        }
        byListener.forEach((listener, received) -> {
            try {
                dispatcher.deliverReceived(listener, received.stream().map(Received::event).toList()).block(outbox.listenerTimeout());
            } catch (RuntimeException batchFailed) {
                // One by one, so that only the failing record waits (a record already run is found in the inbox).
                for (var one : received) {
                    try {
                        dispatcher.deliverReceived(listener, List.of(one.event())).block(outbox.listenerTimeout());
                    } catch (RuntimeException failed) {
                        throw new BatchListenerFailedException("listener " + listener + " failed on " + one.event().type()
                                + " " + one.event().eventId(), failed, one.index());
                    }
                }
            }
        });
    }

    /** A record's event for one listener, with the record's place in its poll. */
    private record Received(int index, OutboxStore.Claimed event) {
    }

    private DefaultKafkaConsumerFactory<String, byte[]> consumers(String group) {
        var config = new HashMap<String, Object>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        var factory = new DefaultKafkaConsumerFactory<String, byte[]>(config);
        // The consumer's own metrics, lag included (kafka.consumer.fetch.manager.records.lag.max on /actuator/metrics
        // and Prometheus): how far the service is behind Piaf's events.
        factory.addListener(new org.springframework.kafka.core.MicrometerConsumerListener<>(meters));
        return factory;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100; // with the outbox relay: after the database, before nothing
    }
}
