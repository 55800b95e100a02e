package io.piaf.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/** The live stream: headers at once, every notification once and in order, across reconnects and instances. */
@PiafTest
class NotificationStreamTests {

    static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired JsonMapper json;
    @Autowired Environment env;
    @LocalServerPort int port;
    Social social;
    final List<Disposable> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @AfterEach
    void close() {
        open.forEach(Disposable::dispose);
    }

    @Test
    void the_stream_answers_at_once_then_delivers_live_notifications() {
        var bob = api.signUp("bob");
        var started = System.nanoTime();
        var stream = connect(bob, null);
        var hello = stream.next();
        assertThat(hello.comment()).isEqualTo("connected");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        var alice = api.signUp("alice");
        social.follow(alice, bob);

        var event = stream.next();
        assertThat(event.event()).isEqualTo("notification");
        var item = parse(event);
        assertThat(item).containsEntry("id", event.id()).containsEntry("type", "new_follower").containsEntry("read", false);
        assertThat(item.get("data")).isEqualTo(Map.of("follower", Map.of("id", alice.id(), "handle", alice.handle())));
        assertThat(item).isEqualTo(Social.items(social.get(bob, "/api/notifications")).get(0));
    }

    @Test
    void a_reconnect_with_last_event_id_resumes_without_losing_or_repeating_anything() {
        var bob = api.signUp("bob");
        var first = connect(bob, null);
        first.next();
        var fans = new ArrayList<User>();
        for (int i = 0; i < 2; i++) {
            fans.add(api.signUp("fan"));
            social.follow(fans.get(i), bob);
        }
        var received = new ArrayList<String>();
        received.add(first.next().id());
        received.add(first.next().id());
        first.close();

        for (int i = 2; i < 5; i++) {
            fans.add(api.signUp("fan"));
            social.follow(fans.get(i), bob);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Social.items(social.get(bob, "/api/notifications")).size() == 5);
        var second = connect(bob, received.get(1));
        second.next();
        for (int i = 0; i < 3; i++) {
            received.add(second.next().id());
        }
        fans.add(api.signUp("fan"));
        social.follow(fans.get(5), bob);
        received.add(second.next().id());

        assertThat(received).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(second.poll(Duration.ofMillis(300))).isNull();
        assertThat(Social.items(social.get(bob, "/api/notifications?limit=10"))).extracting(n -> n.get("id"))
                .containsExactlyElementsOf(received.reversed());
    }

    @Test
    void a_notification_committed_by_another_instance_reaches_the_stream() throws Exception {
        var bob = api.signUp("bob");
        var stream = connect(bob, null);
        stream.next();

        // Another Piaf process writes through its own connection: only PostgreSQL can tell this one.
        try (var connection = DriverManager.getConnection(env.getProperty("spring.flyway.url"), "postgres", env.getProperty("spring.flyway.password"))) {
            connection.setAutoCommit(false);
            try (var statement = connection.prepareStatement("""
                    with c as (insert into notifications.counter as c (recipient_id, last_seq) values (?::uuid, 1)
                               on conflict (recipient_id) do update set last_seq = c.last_seq + 1 returning last_seq)
                    insert into notifications.notification (recipient_id, seq, type, data, source_event_id)
                    select ?::uuid, last_seq, 'direct_message', '{"text":"from afar"}', ?::uuid from c""")) {
                statement.setString(1, bob.id());
                statement.setString(2, bob.id());
                statement.setString(3, UUID.randomUUID().toString());
                statement.executeUpdate();
            }
            try (var notify = connection.prepareStatement("select pg_notify('piaf_notifications', ?)")) {
                notify.setString(1, bob.id());
                notify.execute();
            }
            connection.commit();
        }

        var item = parse(stream.next());
        assertThat(item).containsEntry("type", "direct_message").containsEntry("data", Map.of("text", "from afar"));
    }

    @Test
    void a_followers_only_mention_of_a_non_follower_never_reaches_their_stream() {
        var alice = api.signUp("alice");
        var carol = api.signUp("carol");
        var stream = connect(carol, null);
        stream.next();

        var post = social.post(alice, "@" + carol.handle() + " tu ne le verras pas", "FOLLOWERS");
        awaitDelivered("notifications.Mentioned", (String) post.get("id"));
        api.post(alice, "/api/conversations/" + carol.handle() + "/messages", Map.of("text", "mais ceci oui"))
                .exchange().expectStatus().isCreated();

        assertThat(parse(stream.next())).containsEntry("type", "direct_message");
        assertThat(Social.items(social.get(carol, "/api/notifications"))).extracting(n -> n.get("type")).containsExactly("direct_message");
    }

    @Test
    void the_stream_needs_a_token_and_a_valid_last_event_id() {
        var bob = api.signUp("bob");
        Social.assertProblem(api.http().get().uri("/api/notifications/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange(),
                401, "unauthenticated");
        Social.assertProblem(api.http().get().uri("/api/notifications/stream").header(HttpHeaders.AUTHORIZATION, bob.bearer())
                .header("Last-Event-ID", "abc").accept(MediaType.TEXT_EVENT_STREAM).exchange(), 400, "invalid_last_event_id");
    }

    void awaitDelivered(String listener, String postId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("""
                select count(*) from outbox.delivery d join outbox.event e on e.seq = d.seq
                where d.listener = $1 and e.payload ->> 'postId' = $2""")
                .bind(0, listener).bind(1, postId).map(r -> r.get(0, Long.class)).one().block() == 0
                && db.sql("select count(*) from outbox.event where type = 'messaging.UsersMentioned' and payload ->> 'postId' = $1").bind(0, postId)
                        .map(r -> r.get(0, Long.class)).one().block() == 1);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parse(ServerSentEvent<String> event) {
        return json.readValue(event.data(), Map.class);
    }

    /**
     * Opens a stream as a browser would: on a connection of its own (not from the test client's pool, where a
     * cancelled stream's connection could be handed to the next request).
     */
    Stream connect(User user, String lastEventId) {
        var client = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
                .build();
        var queue = new LinkedBlockingQueue<ServerSentEvent<String>>();
        var subscription = client.get().uri("/api/notifications/stream")
                .header(HttpHeaders.AUTHORIZATION, user.bearer())
                .headers(h -> {
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToFlux(response -> {
                    assertThat(response.statusCode().value()).isEqualTo(200);
                    assertThat(response.headers().contentType()).hasValueSatisfying(
                            type -> assertThat(type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).isTrue());
                    return response.bodyToFlux(SSE);
                })
                .subscribe(queue::add);
        open.add(subscription);
        return new Stream(queue, subscription);
    }

    /** Events as they arrive. */
    record Stream(BlockingQueue<ServerSentEvent<String>> events, Disposable subscription) {

        ServerSentEvent<String> next() {
            var event = poll(Duration.ofSeconds(10));
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        ServerSentEvent<String> poll(Duration wait) {
            try {
                ServerSentEvent<String> event;
                do {
                    event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                } while (event != null && "heartbeat".equals(event.comment()));
                return event;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        void close() {
            subscription.dispose();
        }
    }
}
