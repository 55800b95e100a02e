import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The load side of bench/pay-by-post, run as a single-file program ({@code java PayByPostLoad.java base users.csv
 * payee warmup seconds [runs] [stream base]}; the stream base, by default the base, is where the live streams are
 * opened: a notifications service of its own, addressed directly): each payer keeps its live notification stream open and, in a closed loop, posts a pay
 * command and waits for that post's {@code payment_requested} event on its stream. The clock starts when the post is
 * answered 201 and stops when the event arrives. Plain JDK HTTP client, so the measuring side stays out of Piaf's JVM.
 */
public class PayByPostLoad {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SOURCE = Pattern.compile("\"sourceId\"\\s*:\\s*\"([^\"]+)\"");

    record Payer(String handle, String token) {
    }

    static final Map<String, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();
    static final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    public static void main(String[] args) throws Exception {
        var base = args[0];
        var payers = Files.readAllLines(Path.of(args[1])).stream().skip(1).map(l -> l.split(","))
                .map(f -> new Payer(f[0], f[1])).toList();
        var payee = args[2];
        int warmup = Integer.parseInt(args[3]), seconds = Integer.parseInt(args[4]);
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        var streamBase = args.length > 6 ? args[6] : base;
        for (var payer : payers) {
            listen(streamBase, payer);
        }
        Thread.sleep(1000);
        run(base, payers, payee, warmup);
        var p99s = new ArrayList<Double>();
        var p50s = new ArrayList<Double>();
        var rates = new ArrayList<Double>();
        for (var i = 1; i <= runs; i++) {
            var cpu0 = cpu();
            var sorted = run(base, payers, payee, seconds).stream().sorted().toList();
            var cpuMs = (cpu() - cpu0) / 1e6;
            rates.add(sorted.size() / (double) seconds);
            p50s.add(percentile(sorted, 50));
            p99s.add(percentile(sorted, 99));
            System.out.printf("run %d: %.0f commands/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms; load generator CPU %.2f ms per command%n",
                    i, rates.getLast(), p50s.getLast(), p99s.getLast(), percentile(sorted, 100), cpuMs / Math.max(1, sorted.size()));
        }
        System.out.printf("RESULT rate %.0f%n", median(rates));
        System.out.printf("RESULT p50 %.2f%n", median(p50s));
        System.out.printf("RESULT p99 %.2f%n", median(p99s));
        System.out.printf("RESULT lost %d%n", lost.get());
        System.exit(0);
    }

    static final java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();

    static List<Double> run(String base, List<Payer> payers, String payee, int seconds) throws InterruptedException {
        var end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var latencies = java.util.Collections.synchronizedList(new ArrayList<Double>());
        var done = new CountDownLatch(payers.size());
        for (var payer : payers) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        var latency = payOnce(base, payer, payee);
                        if (latency == null) {
                            lost.incrementAndGet();
                        } else {
                            latencies.add(latency);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return latencies;
    }

    static Double payOnce(String base, Payer payer, String payee) {
        try {
            var body = "{\"text\":\"#envoyer 0,01€ @" + payee + " bench\"}";
            var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/posts"))
                    .header("Authorization", "Bearer " + payer.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            var accepted = System.nanoTime();
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST /api/posts answered " + response.statusCode() + ": " + response.body());
            }
            var m = ID.matcher(response.body());
            m.find();
            var notified = awaited.computeIfAbsent(m.group(1), k -> new CompletableFuture<>()).get(10, java.util.concurrent.TimeUnit.SECONDS);
            awaited.remove(m.group(1));
            return Math.max(0, notified - accepted) / 1e6;
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static void listen(String base, Payer payer) {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + payer.token()).header("Accept", "text/event-stream").build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(line -> {
            if (line.startsWith("data:") && line.contains("\"payment_requested\"")) {
                var now = System.nanoTime();
                var m = SOURCE.matcher(line);
                if (m.find()) {
                    awaited.computeIfAbsent(m.group(1), k -> new CompletableFuture<>()).complete(now);
                }
            }
        }));
    }

    /** CPU this load generator has used, in nanoseconds: reported apart from Piaf's and PostgreSQL's. */
    static long cpu() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        var index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
