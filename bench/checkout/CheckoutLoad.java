import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The load side of bench/checkout, a single-file program ({@code java CheckoutLoad.java base payers warmup seconds}).
 * Payers in closed loops: a merchant creates a session, the payer pays it with the PIN; the clock starts when the pay
 * call is answered 200 and stops when that session's {@code checkout.session.completed} reaches the merchant's local
 * endpoint. Baseline in the same run: the same body POSTed by this program straight to the same kind of endpoint (the
 * loopback HTTP floor). Then the same load split between a fast merchant and one whose endpoint takes 200 ms to answer:
 * the fast merchant's latency should not move.
 */
public class CheckoutLoad {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern CLIENT = Pattern.compile("\"clientId\"\\s*:\\s*\"([^\"]+)\".*\"clientSecret\"\\s*:\\s*\"([^\"]+)\"");
    static final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final Map<String, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();
    static String base;

    record Merchant(String token, Receiver receiver) {
    }

    static final class Receiver {
        final HttpServer server;
        final AtomicLong received = new AtomicLong();
        volatile long delayMillis;

        Receiver(long delayMillis) throws Exception {
            this.delayMillis = delayMillis;
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 512);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hooks", exchange -> {
                var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var now = System.nanoTime();
                var m = Pattern.compile("\"object\":\\{\"id\":\"([^\"]+)\"").matcher(body);
                if (m.find()) {
                    var f = awaited.remove(m.group(1));
                    if (f != null) {
                        f.complete(now);
                    }
                }
                received.incrementAndGet();
                if (this.delayMillis > 0) {
                    try { Thread.sleep(this.delayMillis); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/hooks";
        }
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        int payers = Integer.parseInt(args[1]), warmup = Integer.parseInt(args[2]), seconds = Integer.parseInt(args[3]);
        var tokens = new ArrayList<String>();
        for (var i = 0; i < payers; i++) {
            tokens.add(payer("ck" + i + "_" + Long.toString(System.nanoTime() % 100000, 36)));
        }
        var fast = merchant(tokens.getFirst(), "Fast", new Receiver(0));
        var slow = merchant(tokens.getFirst(), "Slow", new Receiver(200));
        var floorReceiver = new Receiver(0);
        System.out.printf("setup done: %d payers%n", payers);

        run(tokens, List.of(fast), warmup, null);
        var floor = floor(floorReceiver, Math.max(200, payers * 50));
        var alone = run(tokens, List.of(fast), seconds, "fast merchant alone");
        var slow0 = slow.receiver.received.get();
        var mixed = run(tokens, List.of(fast, slow), seconds, "fast merchant beside a slow one (200 ms)");
        var slowRate = (slow.receiver.received.get() - slow0) / (double) seconds;
        System.out.printf("RESULT floor_p50 %.1f%nRESULT floor_p99 %.1f%n", floor[0], floor[1]);
        System.out.printf("RESULT alone_p50 %.1f%nRESULT alone_p99 %.1f%nRESULT alone_rate %.1f%n", alone[0], alone[1], alone[2]);
        System.out.printf("RESULT mixed_fast_p50 %.1f%nRESULT mixed_fast_p99 %.1f%nRESULT mixed_rate %.1f%nRESULT slow_deliveries_per_s %.1f%n",
                mixed[0], mixed[1], mixed[2], slowRate);
        System.exit(0);
    }

    /** Closed loops over {@code seconds}: p50, p99 of pay answered → webhook received (fast merchant only), checkouts/s. */
    static double[] run(List<String> payers, List<Merchant> merchants, int seconds, String label) throws Exception {
        var latencies = Collections.synchronizedList(new ArrayList<Double>());
        var done = new AtomicLong();
        var end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        var threads = new ArrayList<Thread>();
        for (var p = 0; p < payers.size(); p++) {
            var token = payers.get(p);
            var index = p;
            threads.add(Thread.ofVirtual().start(() -> {
                var n = index;
                while (System.nanoTime() < end) {
                    try {
                        var merchant = merchants.get(n++ % merchants.size());
                        var session = match(ID, post("/api/checkout/sessions", merchant.token(), UUID.randomUUID().toString(),
                                "{\"lineItems\":[{\"name\":\"Croissant\",\"quantity\":1,\"unitAmount\":\"1.00\"}],"
                                        + "\"successUrl\":\"https://shop.example/ok\",\"cancelUrl\":\"https://shop.example/no\"}", 201));
                        var arrival = new CompletableFuture<Long>();
                        awaited.put(session, arrival);
                        post("/api/checkout/sessions/" + session + "/pay", token, null, "{\"pin\":\"2468\"}", 200);
                        var paid = System.nanoTime();
                        var at = arrival.get(30, TimeUnit.SECONDS);
                        if (merchant == merchants.getFirst()) {
                            latencies.add((at - paid) / 1e6);
                        }
                        done.incrementAndGet();
                    } catch (Exception e) {
                        System.err.println("checkout failed: " + e);
                    }
                }
            }));
        }
        for (var t : threads) {
            t.join();
        }
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        var result = new double[] { pct(sorted, 50), pct(sorted, 99), done.get() / (double) seconds };
        if (label != null) {
            System.out.printf("%s: %d checkouts in %d s (%.1f/s); pay answered -> webhook received: p50 %.1f ms, p99 %.1f ms (%d samples)%n",
                    label, done.get(), seconds, result[2], result[0], result[1], sorted.size());
        }
        return result;
    }

    /** The loopback floor: the same kind of body POSTed straight to a receiver, one at a time. */
    static double[] floor(Receiver receiver, int count) throws Exception {
        var times = new ArrayList<Double>();
        var body = "{\"id\":\"evt_x\",\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"floor\",\"status\":\"COMPLETE\"}}}";
        for (var i = 0; i < count; i++) {
            var start = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create(receiver.url())).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        System.out.printf("floor: a direct loopback POST of a webhook body: p50 %.2f ms, p99 %.2f ms%n", pct(times, 50), pct(times, 99));
        return new double[] { pct(times, 50), pct(times, 99) };
    }

    static String payer(String handle) throws Exception {
        post("/api/auth/signup", null, null, "{\"handle\":\"" + handle + "\",\"password\":\"bench-password\",\"displayName\":\"Payer\"}", 201);
        var token = match(TOKEN, post("/api/auth/token", null, null, "{\"handle\":\"" + handle + "\",\"password\":\"bench-password\"}", 200));
        put("/api/me/pin", token, "{\"pin\":\"2468\",\"password\":\"bench-password\"}");
        for (var i = 0; i < 3; i++) {
            post("/api/wallet/top-ups", token, UUID.randomUUID().toString(), "{\"amount\":{\"amount\":\"1000.00\",\"currency\":\"EUR\"},"
                    + "\"card\":{\"number\":\"4242424242424242\",\"expMonth\":12,\"expYear\":2035,\"cvc\":\"123\"}}", 201);
        }
        return token;
    }

    static Merchant merchant(String ownerToken, String name, Receiver receiver) throws Exception {
        var owner = payer("own" + name.toLowerCase() + Long.toString(System.nanoTime() % 100000, 36));
        var created = post("/api/merchants", owner, null, "{\"name\":\"" + name + "\",\"mcc\":\"5812\",\"supportEmail\":\"a@shop.example\"}", 201);
        var m = CLIENT.matcher(created);
        if (!m.find()) {
            throw new IllegalStateException(created);
        }
        var basic = Base64.getEncoder().encodeToString((m.group(1) + ":" + m.group(2)).getBytes(StandardCharsets.UTF_8));
        var answer = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        var token = match(TOKEN, answer.body());
        post("/api/webhook-endpoints", token, null, "{\"url\":\"" + receiver.url() + "\",\"events\":[\"checkout.session.completed\"]}", 201);
        return new Merchant(token, receiver);
    }

    static String post(String path, String token, String key, String body, int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static void put(String path, String token, String body) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    static String match(Pattern pattern, String text) {
        var m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no match in " + text);
        }
        return m.group(1);
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
