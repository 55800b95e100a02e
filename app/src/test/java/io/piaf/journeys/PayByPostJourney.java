package io.piaf.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 20's journey over the public HTTP API and nothing else, so that the same scenario runs against one process
 * ({@link SingleProcessJourneyTests}) and against the local cluster behind HAProxy ({@link ClusterJourneyTests}, where
 * consecutive requests land on different instances): sign-up, follow, a post that pays, the PIN, and the payee told
 * live on a stream that may be held by another instance than the one that moved the money.
 */
abstract class PayByPostJourney {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    private static final JsonMapper JSON = new JsonMapper();
    private final List<Disposable> streams = new ArrayList<>();

    /** The API of the shape under test. */
    abstract Api api();

    /** Its base URL, for the live stream (held on a connection of its own, as a browser holds it). */
    abstract String base();

    @AfterEach
    void closeStreams() {
        streams.forEach(Disposable::dispose);
    }

    @Test
    void sign_up_follow_pay_by_post_confirm_and_the_payee_is_told_live() {
        var wallets = new Wallets(api());
        var social = new Social(api());
        var bob = api().signUp("bob");
        var bobLive = stream(bob);
        assertThat(bobLive.poll(Duration.ofSeconds(10))).as("the stream answers at once").isNotNull();

        var alice = wallets.payer("alice", "50.00");
        social.follow(alice, bob);
        assertThat(bobLive.next("new_follower").get("data")).isEqualTo(Map.of("follower", Map.of("id", alice.id(), "handle", alice.handle())));

        var post = social.post(alice, "#envoyer 12,50€ @" + bob.handle() + " merci pour hier");
        var requested = social.awaitNotification(alice, "payment_requested");
        @SuppressWarnings("unchecked")
        var data = (Map<String, Object>) requested.get("data");
        assertThat(data).containsEntry("sourceId", post.get("id"));
        wallets.confirm(alice, (String) data.get("paymentId"), Wallets.PIN).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETED");

        @SuppressWarnings("unchecked")
        var received = (Map<String, Object>) bobLive.next("payment_received").get("data");
        assertThat(received).containsEntry("paymentId", data.get("paymentId"));
        assertThat(wallets.balance(alice)).isEqualTo("37.50");
        assertThat(wallets.balance(bob)).isEqualTo("12.50");
        assertThat(Social.items(social.get(bob, "/api/notifications"))).extracting(n -> n.get("type"))
                .containsOnlyOnce("payment_received", "new_follower");
    }

    /** The user's live notifications, as they arrive (heartbeats and the greeting comment skipped). */
    private Live stream(User user) {
        var client = WebClient.builder().baseUrl(base())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()))).build();
        var queue = new LinkedBlockingQueue<ServerSentEvent<String>>();
        streams.add(client.get().uri("/api/notifications/stream").header(HttpHeaders.AUTHORIZATION, user.bearer())
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(SSE).subscribe(queue::add));
        return new Live(queue);
    }

    private record Live(BlockingQueue<ServerSentEvent<String>> events) {

        ServerSentEvent<String> poll(Duration wait) {
            try {
                return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** The next notification of {@code type} (others, such as a mention, pass by). */
        @SuppressWarnings("unchecked")
        Map<String, Object> next(String type) {
            var deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                var event = poll(Duration.ofMillis(500));
                if (event != null && "notification".equals(event.event())) {
                    Map<String, Object> item = JSON.readValue(event.data(), Map.class);
                    if (type.equals(item.get("type"))) {
                        return item;
                    }
                }
            }
            throw new AssertionError("no " + type + " on the live stream within 15 s");
        }
    }
}
