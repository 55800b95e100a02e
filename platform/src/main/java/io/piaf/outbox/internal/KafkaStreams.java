package io.piaf.outbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox's Kafka publisher: one {@link ExternalSink} per stream ({@code kafka.payments} → topic
 * {@code piaf.payments}). A record's key is the event's aggregate id, its value the event's JSON exactly as the
 * in-process listeners read it, and its headers say what it is ({@link #EVENT_ID} for consumers' de-duplication).
 */
final class KafkaStreams implements ExternalSink.Provider {

    static final String EVENT_ID = "piaf-event-id";
    static final String EVENT_TYPE = "piaf-event-type";
    static final String SCHEMA_VERSION = "piaf-schema-version";
    static final String OCCURRED_AT = "piaf-occurred-at";

    private static final Logger log = LoggerFactory.getLogger(KafkaStreams.class);

    private final List<ExternalSink> sinks;
    private final Map<String, String> topicOfType;
    private final Set<String> consumedBy;

    KafkaStreams(List<ExternalizedEvents.Type> types, KafkaEventsProperties properties, KafkaTemplate<String, byte[]> kafka,
            JsonMapper json) {
        var byStream = types.stream()
                .filter(t -> properties.streams().isEmpty() || properties.streams().contains(t.stream()))
                .collect(Collectors.groupingBy(ExternalizedEvents.Type::stream, LinkedHashMap::new, Collectors.toList()));
        this.sinks = byStream.entrySet().stream()
                .<ExternalSink>map(e -> new Stream(e.getKey(), properties.topicOf(e.getKey()), e.getValue(), kafka, json))
                .toList();
        this.topicOfType = types.stream().collect(Collectors.toMap(ExternalizedEvents.Type::name, t -> properties.topicOf(t.stream())));
        this.consumedBy = Set.copyOf(properties.consumedBy());
        byStream.forEach((stream, list) -> log.info("Events to Kafka topic {}: {}", properties.topicOf(stream),
                list.stream().map(ExternalizedEvents.Type::name).sorted().toList()));
    }

    @Override
    public List<ExternalSink> sinks() {
        return sinks;
    }

    @Override
    public boolean receivedFromBroker(String module, String eventType) {
        return consumedBy.contains(module) && topicOfType.containsKey(eventType);
    }

    /** The topics of every stream published from here. */
    List<String> topics() {
        return topicOfType.values().stream().distinct().sorted().toList();
    }

    /** The topic an externalized event type is published to. */
    String topicOf(String eventType) {
        return topicOfType.get(eventType);
    }

    private static final class Stream implements ExternalSink {

        private final String id;
        private final String topic;
        private final Map<String, String> keyPointers;
        private final KafkaTemplate<String, byte[]> kafka;
        private final JsonMapper json;

        Stream(String stream, String topic, List<ExternalizedEvents.Type> types, KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
            this.id = "kafka." + stream;
            this.topic = topic;
            this.keyPointers = types.stream().collect(Collectors.toMap(ExternalizedEvents.Type::name, ExternalizedEvents.Type::keyPointer));
            this.kafka = kafka;
            this.json = json;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Set<String> eventTypes() {
            return keyPointers.keySet();
        }

        @Override
        public Mono<Void> publish(List<OutboxStore.Claimed> events) {
            // send() can block while the producer waits for the cluster's metadata (max.block.ms): not on an event loop.
            return Mono.fromCallable(() -> events.stream().map(e -> kafka.send(record(e))).toArray(CompletableFuture[]::new))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(sent -> Mono.fromFuture(CompletableFuture.allOf(sent)))
                    .then();
        }

        private ProducerRecord<String, byte[]> record(OutboxStore.Claimed event) {
            var record = new ProducerRecord<String, byte[]>(topic, key(event), event.payload());
            record.headers()
                    .add(new RecordHeader(EVENT_ID, utf8(event.eventId().toString())))
                    .add(new RecordHeader(EVENT_TYPE, utf8(event.type())))
                    .add(new RecordHeader(SCHEMA_VERSION, utf8(Integer.toString(event.version()))))
                    .add(new RecordHeader(OCCURRED_AT, utf8(event.occurredAt().toString())))
                    .add(new RecordHeader("content-type", utf8("application/json")));
            return record;
        }

        /** The aggregate id the event's JSON holds at its key pointer; null (any partition) when it has none. */
        private String key(OutboxStore.Claimed event) {
            var pointer = keyPointers.get(event.type());
            var node = pointer == null ? null : json.readTree(event.payload()).at(pointer);
            return node == null || node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        private static byte[] utf8(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
