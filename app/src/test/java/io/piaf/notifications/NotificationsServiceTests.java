package io.piaf.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.piaf.PiafApplication;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.messaging.UserFollowed;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.EventTypes;
import io.piaf.outbox.OutboxListener;
import io.piaf.platform.modules.ModuleSelection;
import io.piaf.testing.KafkaBroker;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications as its own process ({@code notifications-service} profile), the same jar as Piaf: only the
 * notifications module and the shared ones run, on a database of their own; events arrive from a real Kafka broker as
 * Piaf's outbox sends them (same JSON, same headers), a duplicate is applied once, and the API (list, read state, live
 * stream) answers for tokens signed by a key of the JWKS it is pointed at, and for no other.
 */
// A database of its own, not the one the suite's Piaf contexts share (here, not in @DynamicPropertySource: the
// database starts while the environment is prepared, before dynamic properties exist).
@SpringBootTest(classes = PiafApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "piaf.database.embedded.data-dir=target/test-notifications-postgres", "piaf.database.embedded.clean=true" })
@ActiveProfiles({ "test", "notifications-service" })
@DirtiesContext // its own context (another database, Kafka on); closed after these tests
class NotificationsServiceTests {

    private static final RSAKey KEY = rsaKey("identity-key");
    private static final RSAKey FOREIGN_KEY = rsaKey("identity-key"); // same kid, another key: a forged token
    private static final HttpServer JWKS = jwks(KEY);

    @Autowired ApplicationContext context;
    @Autowired DatabaseClient db;
    @Autowired JsonMapper json;
    @LocalServerPort int port;

    private final List<Disposable> streams = new ArrayList<>();

    @DynamicPropertySource
    static void service(DynamicPropertyRegistry properties) {
        KafkaBroker.shared().start();
        properties.add("piaf.events.kafka.bootstrap-servers", () -> KafkaBroker.shared().bootstrapServers());
        properties.add("piaf.modules.tokens.jwks-url", () -> "http://localhost:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
        // The shared broker keeps running (the JVM's exit kills it): stopped here, this context's consumer could not
        // leave group piaf.notifications when the context closed, and the next class's consumer of that group waited
        // for the stale member's session to expire.
    }

    @Test
    void runs_only_notifications_and_the_shared_modules_on_its_own_schemas() {
        var selection = new ModuleSelection(java.util.Set.of("notifications"), java.util.Set.of());
        var foreign = java.util.Arrays.stream(context.getBeanDefinitionNames())
                .map(name -> context.getType(name, false))
                .filter(type -> type != null && !selection.runsClass(org.springframework.util.ClassUtils.getUserClass(type).getName()))
                .map(Class::getName).toList();
        assertThat(foreign).as("beans of modules that do not run here").isEmpty();
        assertThat(context.getBeansWithAnnotation(org.springframework.web.bind.annotation.RestController.class).values())
                .extracting(bean -> AopUtils.getTargetClass(bean).getPackageName())
                .allMatch(pkg -> pkg.startsWith("io.piaf.notifications") || !pkg.startsWith("io.piaf"));
        var schemas = db.sql("select schema_name from information_schema.schemata where schema_name not like 'pg\\_%' "
                + "and schema_name not in ('information_schema', 'public')").map(row -> row.get(0, String.class)).all()
                .collectList().block();
        assertThat(schemas).containsExactlyInAnyOrder("outbox", "idempotency", "notifications");
    }

    @Test
    void every_event_it_listens_to_is_published_to_kafka() {
        var heard = new ArrayList<Class<?>>();
        for (var name : context.getBeanDefinitionNames()) {
            var type = context.getType(name, false);
            if (type == null || !type.getName().startsWith("io.piaf.notifications")) {
                continue;
            }
            for (var method : org.springframework.util.ClassUtils.getUserClass(type).getDeclaredMethods()) {
                if (method.isAnnotationPresent(OutboxListener.class)) {
                    heard.add(eventOf(method));
                }
            }
        }
        assertThat(heard).hasSizeGreaterThan(30)
                .allSatisfy(event -> assertThat(event).as(event.getName()).hasAnnotation(Externalized.class));
    }

    @Test
    void an_event_from_the_topic_is_notified_once_listed_streamed_and_marked_read_for_a_valid_token_only() throws Exception {
        var followee = new UserId(UUID.randomUUID());
        var follower = new UserId(UUID.randomUUID());
        var token = token(KEY, followee);
        var live = stream(token);
        assertThat(live.poll(Duration.ofSeconds(15))).as("the stream answers at once").isNotNull();

        var event = new UserFollowed(follower, "flo", followee, "gus", Instant.now(), false);
        var eventId = UUID.randomUUID();
        publish("piaf.messaging", followee.toString(), event, eventId);
        publish("piaf.messaging", followee.toString(), event, eventId); // a producer's retry: the same event id

        var notification = live.next("new_follower");
        assertThat(notification).containsEntry("data", Map.of("follower", Map.of("id", follower.toString(), "handle", "flo")));
        var api = WebClient.builder().baseUrl("http://localhost:" + port).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
        await().atMost(Duration.ofSeconds(15)).until(() -> inboxRows(eventId) == 1);
        // How far the service is behind is measured: the consumer's lag is a meter.
        var meters = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName()).contains("kafka.consumer.fetch.manager.records.lag.max");
        // ... and on /actuator/outbox, per consumer, once it has fetched (the record is applied).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(WebClient.create("http://localhost:" + port)
                .get().uri("/actuator/outbox").retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block())
                .extractingByKey("consumerLag").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .anySatisfy(lag -> {
                    @SuppressWarnings("unchecked")
                    var entry = (Map<String, Object>) lag;
                    assertThat((String) entry.get("client")).startsWith("consumer-piaf.notifications");
                    assertThat(entry.get("recordsBehind")).isInstanceOf(Number.class);
                }));
        var page = api.get().uri("/api/notifications").retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block();
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(page).containsEntry("unreadCount", 1);
        var read = api.post().uri("/api/notifications/read").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("upTo", notification.get("id"))).retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { }).block();
        assertThat(read).containsEntry("unreadCount", 0);

        // No token, or a token signed by a key identity did not publish: 401 problem+json, as Piaf answers.
        for (var bearer : List.of("", "Bearer " + token(FOREIGN_KEY, followee))) {
            var status = WebClient.create("http://localhost:" + port).get().uri("/api/notifications")
                    .headers(h -> { if (!bearer.isEmpty()) h.set(HttpHeaders.AUTHORIZATION, bearer); })
                    .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                            .map(body -> response.statusCode().value() + " " + response.headers().contentType().orElse(null) + " " + body))
                    .block();
            assertThat(status).startsWith("401 application/problem+json").contains("\"code\":\"unauthenticated\"");
        }
    }

    @Test
    void a_record_its_listener_fails_on_holds_back_the_records_after_it_never_the_ones_before() throws Exception {
        var followee = new UserId(UUID.randomUUID());
        var before = UUID.randomUUID();
        var poison = UUID.randomUUID();
        var after = UUID.randomUUID();
        var followed = (java.util.function.Function<String, UserFollowed>) handle ->
                new UserFollowed(new UserId(UUID.randomUUID()), handle, followee, "gus", Instant.now(), false);
        var version = EventTypes.versionOf(UserFollowed.class);
        // One producer, one key, sent together: one partition, most likely one poll, which runs as one batch first.
        var offsets = publishAll("piaf.messaging", followee.toString(), List.of(
                new Published(followed.apply("ana"), before, version),
                new Published(followed.apply("bob"), poison, version + 98), // a version no listener reads: it fails
                new Published(followed.apply("cy"), after, version)));

        await().atMost(Duration.ofSeconds(15)).until(() -> inboxRows(before) == 1);
        // The failing record is retried with backoff and never skipped: the one after it waits on the partition.
        Thread.sleep(3_000);
        assertThat(inboxRows(poison)).as("the failing record").isZero();
        assertThat(inboxRows(after)).as("the record after it").isZero();

        // An operator deletes the poison record from the topic; the consumer goes on from the next one.
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()))) {
            admin.deleteRecords(Map.of(offsets.get(1).partition(),
                    org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(offsets.get(1).offset() + 1))).all().get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxRows(after) == 1);
        assertThat(inboxRows(before)).isEqualTo(1);
        assertThat(db.sql("select count(*) from notifications.notification where recipient_id = $1")
                .bind(0, followee.value()).map(row -> row.get(0, Long.class)).one().block())
                .as("ana's and cy's follows, each once").isEqualTo(2);
    }

    private record Published(Object event, UUID eventId, int version) {
    }

    /** Sends records with one producer, in order; the partition and offset of each. */
    private List<Position> publishAll(String topic, String key, List<Published> records) throws Exception {
        var config = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (var producer = new KafkaProducer<String, byte[]>(config)) {
            var sent = new ArrayList<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>>();
            for (var published : records) {
                sent.add(producer.send(record(topic, key, published.event(), published.eventId(), published.version())));
            }
            var positions = new ArrayList<Position>();
            for (var future : sent) {
                var metadata = future.get(30, TimeUnit.SECONDS);
                positions.add(new Position(new org.apache.kafka.common.TopicPartition(metadata.topic(), metadata.partition()), metadata.offset()));
            }
            return positions;
        }
    }

    private record Position(org.apache.kafka.common.TopicPartition partition, long offset) {
    }

    private long inboxRows(UUID eventId) {
        return db.sql("select count(*) from outbox.inbox where event_id = $1").bind(0, eventId)
                .map(row -> row.get(0, Long.class)).one().block();
    }

    /** As Piaf's outbox sends an event: its stored JSON, keyed by aggregate, with the outbox's headers. */
    private void publish(String topic, String key, Object event, UUID eventId) throws Exception {
        var config = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (var producer = new KafkaProducer<String, byte[]>(config)) {
            producer.send(record(topic, key, event, eventId, EventTypes.versionOf(event.getClass()))).get(30, TimeUnit.SECONDS);
        }
    }

    private ProducerRecord<String, byte[]> record(String topic, String key, Object event, UUID eventId, int version) {
        var record = new ProducerRecord<String, byte[]>(topic, key, json.writeValueAsBytes(event));
        record.headers().add(header("piaf-event-id", eventId.toString()))
                .add(header("piaf-event-type", EventTypes.nameOf(event.getClass())))
                .add(header("piaf-schema-version", Integer.toString(version)))
                .add(header("piaf-occurred-at", Instant.now().toString()))
                .add(header("content-type", "application/json"));
        return record;
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Class<?> eventOf(java.lang.reflect.Method method) {
        if (method.getParameterTypes()[0] == List.class) {
            var delivered = (ParameterizedType) ((ParameterizedType) method.getGenericParameterTypes()[0]).getActualTypeArguments()[0];
            assertThat(delivered.getRawType()).isEqualTo(Delivered.class);
            return (Class<?>) delivered.getActualTypeArguments()[0];
        }
        return method.getParameterTypes()[0];
    }

    private Live stream(String token) {
        var queue = new LinkedBlockingQueue<ServerSentEvent<String>>();
        streams.add(WebClient.create("http://localhost:" + port).get().uri("/api/notifications/stream")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { }).subscribe(queue::add));
        return new Live(queue, json);
    }

    @org.junit.jupiter.api.AfterEach
    void closeStreams() {
        streams.forEach(Disposable::dispose);
    }

    private record Live(BlockingQueue<ServerSentEvent<String>> events, JsonMapper json) {

        ServerSentEvent<String> poll(Duration wait) throws InterruptedException {
            return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> next(String type) throws InterruptedException {
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                var event = poll(Duration.ofMillis(500));
                if (event != null && "notification".equals(event.event())) {
                    Map<String, Object> item = json.readValue(event.data(), Map.class);
                    if (type.equals(item.get("type"))) {
                        return item;
                    }
                }
            }
            throw new AssertionError("no " + type + " on the live stream within 30 s");
        }
    }

    /** A user token as identity signs it: RS256, its kid, issuer urn:piaf, scope user, one hour. */
    private static String token(RSAKey key, UserId user) {
        try {
            var claims = new JWTClaimsSet.Builder().subject(user.toString()).issuer("urn:piaf").claim("scope", "user")
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** identity's /.well-known/jwks.json, served by a small HTTP server: the service fetches the public key there. */
    private static HttpServer jwks(RSAKey key) {
        try {
            var server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            var body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
