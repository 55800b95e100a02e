package io.piaf.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pay by post, end to end as a client sees it (run by bench/pay-by-post/run, not by the test suite): the clock starts
 * when {@code POST /api/posts} answers 201 and stops when the payer's live stream delivers the
 * {@code payment_requested} notification for that post. In between: the post's commit, the relay hands
 * {@code PostPublished} to payments, which creates the payment and appends {@code PaymentRequested} in one
 * transaction, the relay hands that to notifications, which stores the notification and pushes it to the stream.
 * That is three durable commits; the bare commit latency on the same database is printed beside it.
 *
 * <p>Load: {@code bench.payers} payers, each with its stream open, post pay commands in closed loops (the next as
 * soon as the previous one's notification arrived) for {@code bench.seconds}.
 */
@Tag("bench")
@PiafTest
class PayByPostLatencyBenchmark {

    static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired Api api;
    @Autowired JsonMapper json;
    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactions;
    @LocalServerPort int port;

    private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
    private final Map<String, reactor.core.publisher.Sinks.One<Long>> awaited = new ConcurrentHashMap<>();

    @Test
    void post_accepted_to_payer_notified() {
        int payers = Integer.getInteger("bench.payers", 16);
        int seconds = Integer.getInteger("bench.seconds", 30);
        var wallets = new Wallets(api);
        var payee = api.signUp("payee");
        var people = new ArrayList<User>();
        var streams = new ArrayList<Disposable>();
        for (int i = 0; i < payers; i++) {
            var payer = wallets.payer("payer", "10.00");
            people.add(payer);
            streams.add(listen(payer));
        }
        var client = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.create("bench", payers * 2))))
                .build();

        run(client, people, payee, 5); // warm-up
        acceptedAt.clear();
        notifiedAt.clear();
        var wall = System.nanoTime();
        var posts = run(client, people, payee, seconds);
        var elapsed = (System.nanoTime() - wall) / 1e9;

        var latencies = new ArrayList<Double>();
        acceptedAt.forEach((post, accepted) -> {
            var notified = notifiedAt.get(post);
            if (notified != null) {
                latencies.add(Math.max(0, notified - accepted) / 1e6);
            }
        });
        var baseline = bareCommits(2000);
        System.out.printf("%nPAY-BY-POST LATENCY (%d payers in closed loops, %d s)%n", payers, seconds);
        System.out.printf("  %d pay commands posted, %.0f/s; %d notified%n", posts, posts / elapsed, latencies.size());
        System.out.printf("  post accepted (201) -> payment_requested on the payer's stream: p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 25 ms)%n",
                percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100));
        System.out.printf("  baseline, bare BEGIN+INSERT+COMMIT on the same database (one of the three commits on the path): p50 %.2f ms, p99 %.2f ms%n",
                percentile(baseline, 50), percentile(baseline, 99));
        System.out.println("END");
        streams.forEach(Disposable::dispose);
        if (latencies.size() != posts) {
            throw new AssertionError((posts - latencies.size()) + " pay commands were never notified");
        }
    }

    /** Each payer posts, waits for that post's notification, posts again, until the time is up. */
    private long run(WebClient client, List<User> payers, User payee, int seconds) {
        var end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        return Flux.fromIterable(payers)
                .flatMap(payer -> Mono.defer(() -> payOnce(client, payer, payee))
                        .repeat(() -> System.nanoTime() < end)
                        .count())
                .reduce(0L, Long::sum)
                .block(Duration.ofSeconds(seconds + 60L));
    }

    private Mono<Long> payOnce(WebClient client, User payer, User payee) {
        return client.post().uri("/api/posts").header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "#envoyer 0,01€ @" + payee.handle() + " bench"))
                .retrieve().bodyToMono(JsonNode.class)
                .flatMap(post -> {
                    var id = post.get("id").asString();
                    acceptedAt.put(id, System.nanoTime());
                    var sink = awaited.computeIfAbsent(id, k -> reactor.core.publisher.Sinks.one());
                    return sink.asMono().timeout(Duration.ofSeconds(10)).doFinally(s -> awaited.remove(id));
                });
    }

    private Disposable listen(User user) {
        var client = WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
                .build();
        return client.get().uri("/api/notifications/stream").header(HttpHeaders.AUTHORIZATION, user.bearer())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(SSE)
                .filter(event -> event.data() != null)
                .subscribe(event -> {
                    var now = System.nanoTime();
                    var notification = json.readTree(event.data());
                    if ("payment_requested".equals(notification.path("type").asString())) {
                        var post = notification.path("data").path("sourceId").asString();
                        notifiedAt.put(post, now);
                        awaited.computeIfAbsent(post, k -> reactor.core.publisher.Sinks.one()).tryEmitValue(now);
                    }
                });
    }

    private List<Double> bareCommits(int n) {
        var tx = TransactionalOperator.create(transactions);
        db.sql("create table if not exists public.bench_commit (id uuid primary key)").then().block();
        var latencies = Collections.synchronizedList(new ArrayList<Double>());
        Flux.range(0, n).concatMap(i -> {
            var start = System.nanoTime();
            return tx.transactional(db.sql("insert into public.bench_commit values ($1)").bind(0, java.util.UUID.randomUUID()).then())
                    .doOnSuccess(v -> latencies.add((System.nanoTime() - start) / 1e6));
        }).blockLast();
        return latencies;
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        var sorted = values.stream().sorted().toList();
        var index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
