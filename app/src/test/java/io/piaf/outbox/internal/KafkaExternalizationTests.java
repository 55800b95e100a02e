package io.piaf.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.piaf.testing.Api;
import io.piaf.testing.KafkaBroker;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments' events on a real Kafka broker (its own process, started once): a transfer's events reach topic
 * {@code piaf.payments} keyed by their aggregate, with the outbox's JSON and the headers a consumer de-duplicates on;
 * with the broker down a payment still commits and its events wait in the outbox until the broker is back. In this
 * context notifications takes payments' events from the topic ({@code consumed-by}), not from in-process deliveries.
 */
@PiafTest
@DirtiesContext // its own context (Kafka on); closed after these tests instead of lingering in the cache
class KafkaExternalizationTests {

    private static final String TOPIC = "piaf.payments";

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired JsonMapper json;
    @Autowired ListenerRegistry listeners;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry properties) {
        properties.add("piaf.events.kafka.enabled", () -> "true");
        properties.add("piaf.events.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
        properties.add("piaf.events.kafka.consumed-by", () -> "notifications");
        // A stopped broker fails a send within seconds rather than the default 15.
        properties.add("piaf.events.kafka.producer[delivery.timeout.ms]", () -> "4000");
        properties.add("piaf.events.kafka.producer[request.timeout.ms]", () -> "2000");
        properties.add("piaf.events.kafka.producer[max.block.ms]", () -> "2000");
    }

    @Test
    void a_payment_reaches_its_topic_keyed_by_aggregate_with_the_outbox_json_and_headers_then_survives_a_broker_restart() {
        var wallets = new Wallets(api);
        var alice = wallets.payer("alice", "50.00");
        var bob = api.signUp("bob");
        var paymentId = wallets.pay(alice, bob.handle(), "12.50");

        var records = consumeUntil(all -> ofPayment(all, paymentId).stream().anyMatch(r -> type(r).equals("payments.PaymentCompleted")));

        // One payment's events share its key (so its partition) and keep their order.
        var payment = ofPayment(records, paymentId);
        assertThat(payment).extracting(ConsumerRecord::key).containsOnly(paymentId);
        assertThat(payment).extracting(KafkaExternalizationTests::type)
                .containsSubsequence("payments.PaymentRequested", "payments.PaymentCompleted");
        assertThat(payment).extracting(ConsumerRecord::partition).hasSize(payment.size()).containsOnly(payment.get(0).partition());
        var completed = payment.stream().filter(r -> type(r).equals("payments.PaymentCompleted")).findFirst().orElseThrow();
        assertThat(header(completed, "piaf-schema-version")).isEqualTo("2");
        assertThat(header(completed, "content-type")).isEqualTo("application/json");
        var eventId = UUID.fromString(header(completed, "piaf-event-id"));
        // The value is the JSON the in-process listeners read: the outbox's stored payload, byte for byte.
        var stored = db.sql("select payload::text from outbox.event where event_id = $1").bind(0, eventId)
                .map(row -> row.get(0, String.class)).one().block();
        assertThat(json.readTree(completed.value())).isEqualTo(json.readTree(stored));
        assertThat(json.readTree(completed.value()).at("/payment/amount/minorUnits").asLong()).isEqualTo(1250);
        assertThat(json.readTree(completed.value()).at("/payment/payee/handle").asString()).isEqualTo(bob.handle());

        // Wallet events are keyed by wallet: alice's top-up and debit share her wallet's key.
        var aliceWallet = records.stream().filter(r -> type(r).equals("payments.WalletDebited")
                && json.readTree(r.value()).at("/posting/owner/id").asString().equals(alice.id())).findFirst().orElseThrow();
        assertThat(records.stream().filter(r -> aliceWallet.key().equals(r.key())).map(KafkaExternalizationTests::type))
                .contains("payments.TopUpSucceeded", "payments.WalletCredited", "payments.WalletDebited");
        // Every key's records arrive in the order the outbox appended them.
        assertAppendOrderPerKey(records);

        // Notifications heard of the payment from the topic, once, and the outbox gave it no in-process delivery.
        assertThat(listeners.listenerIdsFor("payments.PaymentCompleted")).contains("kafka.payments")
                .doesNotContain("notifications.PaymentCompleted");
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedByNotifications(bob, paymentId) == 1);
        assertThat(inboxRows("notifications.PaymentCompleted", eventId)).isEqualTo(1);
        // The same record again (a producer's retry, a replay): the inbox sees its event id and nothing happens twice.
        republish(completed);
        await().atMost(Duration.ofSeconds(30)).until(() -> meters.find("piaf.outbox.deliveries")
                .tags("listener", "notifications.PaymentCompleted", "outcome", "already_done").counters().stream()
                .mapToDouble(c -> c.count()).sum() >= 1);
        assertThat(receivedByNotifications(bob, paymentId)).isEqualTo(1);

        // Broker down: the payment commits all the same; its events wait in the outbox and go out once it is back.
        KafkaBroker.shared().stop();
        var second = wallets.pay(alice, bob.handle(), "2.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> failingKafkaDeliveries() > 0);
        assertThat(wallets.balance(alice)).isEqualTo("35.50");
        KafkaBroker.shared().start();
        var after = consumeUntil(all -> ofPayment(all, second).stream().anyMatch(r -> type(r).equals("payments.PaymentCompleted")));
        assertThat(ofPayment(after, second)).extracting(KafkaExternalizationTests::type)
                .containsSubsequence("payments.PaymentRequested", "payments.PaymentCompleted");
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingKafkaDeliveries() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedByNotifications(bob, second) == 1);
    }

    private static void republish(ConsumerRecord<String, String> record) {
        var config = Map.<String, Object>of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class,
                org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringSerializer.class);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(config)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(TOPIC, null, record.key(), record.value(),
                    record.headers())).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long receivedByNotifications(Api.User user, String paymentId) {
        return api.notifications(user, "payment_received").stream().filter(n -> paymentId.equals(n.get("paymentId"))).count();
    }

    private long inboxRows(String listener, UUID eventId) {
        return db.sql("select count(*) from outbox.inbox where listener = $1 and event_id = $2").bind(0, listener).bind(1, eventId)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private void assertAppendOrderPerKey(List<ConsumerRecord<String, String>> records) {
        var ids = records.stream().map(r -> UUID.fromString(header(r, "piaf-event-id"))).distinct().toArray(UUID[]::new);
        var seqs = db.sql("select event_id, seq from outbox.event where event_id = any($1)").bind(0, ids)
                .map(row -> Map.entry(row.get(0, UUID.class), row.get(1, Long.class))).all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
        var byKey = records.stream().collect(java.util.stream.Collectors.groupingBy(r -> String.valueOf(r.key()),
                java.util.stream.Collectors.mapping(r -> seqs.get(UUID.fromString(header(r, "piaf-event-id"))),
                        java.util.stream.Collectors.toList())));
        assertThat(byKey).isNotEmpty().allSatisfy((key, order) -> assertThat(order).as("key %s", key).isSorted());
    }

    private long failingKafkaDeliveries() {
        return db.sql("select count(*) from outbox.delivery where listener = 'kafka.payments' and last_error is not null")
                .map(row -> row.get(0, Long.class)).one().block();
    }

    private long pendingKafkaDeliveries() {
        return db.sql("select count(*) from outbox.delivery where listener = 'kafka.payments'")
                .map(row -> row.get(0, Long.class)).one().block();
    }

    /** Reads the topic from its start with a new consumer until {@code done} holds for what it read. */
    private static List<ConsumerRecord<String, String>> consumeUntil(Predicate<List<ConsumerRecord<String, String>>> done) {
        var config = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        var read = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(TOPIC));
            var deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (!done.test(read)) {
                assertThat(System.nanoTime()).as("records read in time: %s", read).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    private List<ConsumerRecord<String, String>> ofPayment(List<ConsumerRecord<String, String>> records, String paymentId) {
        return records.stream().filter(r -> paymentId.equals(r.key()) && type(r).startsWith("payments.Payment")).toList();
    }

    private static String type(ConsumerRecord<String, String> record) {
        return header(record, "piaf-event-type");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
