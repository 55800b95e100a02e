import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The load side of bench/unlocks ({@code java UnlockLoad.java base users.csv items.txt concurrency}): each of
 * {@code concurrency} closed loops takes the next (user, item) pair and, alternately, (a) unlocks the item — the
 * clock starts when the request is sent and stops when the content fetched through the returned signed link is in
 * hand (post published → content available, as a client sees it) — and (b) as the baseline, publishes a plain post of
 * the same text length through POST /api/posts (post published, nothing else). Both see the same load at the same
 * time. Plain JDK HTTP client in its own JVM.
 */
public class UnlockLoad {

    static final Pattern CONTENT_URL = Pattern.compile("\"contentUrl\"\\s*:\\s*\"([^\"]+)\"");
    static final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(10)).build();

    record User(String handle, String token) {
    }

    public static void main(String[] args) throws Exception {
        var base = args[0];
        var users = Files.readAllLines(Path.of(args[1])).stream().skip(1).map(l -> l.split(",")).map(f -> new User(f[0], f[1])).toList();
        var items = Files.readAllLines(Path.of(args[2])).stream().filter(s -> !s.isBlank()).toList();
        int concurrency = Integer.parseInt(args[3]);
        var pairs = new ArrayList<int[]>();
        for (var i = 0; i < items.size(); i++) {
            for (var u = 0; u < users.size(); u++) {
                pairs.add(new int[] { u, i });
            }
        }
        var warmup = pairs.size() / 5;
        var next = new AtomicInteger();
        var unlock = Collections.synchronizedList(new ArrayList<Double>());
        var post = Collections.synchronizedList(new ArrayList<Double>());
        var failures = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        for (var c = 0; c < concurrency; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                int n;
                while ((n = next.getAndIncrement()) < pairs.size()) {
                    var pair = pairs.get(n);
                    var user = users.get(pair[0]);
                    var item = items.get(pair[1]);
                    try {
                        var t0 = System.nanoTime();
                        var answer = send(base + "/api/unlockables/" + item + "/unlock", user.token(), "{}");
                        if (answer.statusCode() != 201) {
                            failures.incrementAndGet();
                            continue;
                        }
                        var matcher = CONTENT_URL.matcher(answer.body());
                        matcher.find();
                        var content = http.send(HttpRequest.newBuilder(URI.create(base + matcher.group(1))).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        var t1 = System.nanoTime();
                        if (content.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                        var p0 = System.nanoTime();
                        var plain = send(base + "/api/posts", user.token(), "{\"text\":\"Baseline post " + n
                                + " of the same length as an unlock post: http://localhost:8080/unlock/00000000-0000-0000-0000-000000000000\"}");
                        var p1 = System.nanoTime();
                        if (plain.statusCode() != 201) {
                            failures.incrementAndGet();
                            continue;
                        }
                        if (n >= warmup) {
                            unlock.add((t1 - t0) / 1e6);
                            post.add((p1 - p0) / 1e6);
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        for (var t : threads) {
            t.join();
        }
        var u = unlock.stream().sorted().toList();
        var p = post.stream().sorted().toList();
        System.out.printf("measured %d unlocks and %d baseline posts after %d warm-up pairs, %d failures, %d in flight%n",
                u.size(), p.size(), warmup, failures.get(), concurrency);
        System.out.printf("RESULT unlock_p50 %.2f%nRESULT unlock_p99 %.2f%nRESULT post_p50 %.2f%nRESULT post_p99 %.2f%nRESULT failures %d%n",
                pct(u, 50), pct(u, 99), pct(p, 50), pct(p, 99), failures.get());
    }

    static HttpResponse<String> send(String url, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
