import java.math.BigDecimal;
import java.math.BigInteger;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

import io.piaf.crypto.internal.chain.contracts.EuroPiaf;

/**
 * Token sends to confirmation on one dev chain: first a plain web3j client (its own EURP instance, N senders each
 * signing with its own nonce, sending raw and waiting for the receipt), then Piaf's API (N users: create a transfer
 * to @next, confirm with the PIN, poll until CONFIRMED). Prints RESULT lines.
 * Args: piafUrl usersCsv chainUrl faucetKey seconds
 */
public class CryptoLoad {

    static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    public static void main(String[] args) throws Exception {
        var piaf = args[0];
        var users = Files.readAllLines(Path.of(args[1])).stream().skip(1).map(l -> l.split(",")).toList();
        var web3j = Web3j.build(new HttpService(args[2]), 200, Executors.newScheduledThreadPool(2));
        var faucet = Credentials.create(args[3]);
        var seconds = Integer.parseInt(args[4]);
        var chainId = web3j.ethChainId().send().getChainId().longValueExact();

        var baseline = baseline(web3j, chainId, faucet, users.size(), seconds);
        report("baseline", baseline, seconds);
        var viaPiaf = piaf(piaf, users, seconds);
        report("piaf", viaPiaf, seconds);
        var ratio = (viaPiaf.size() / (double) seconds) / (baseline.size() / (double) seconds);
        System.out.printf("RESULT ratio %.2f%n", ratio);
        web3j.shutdown();
    }

    static void report(String name, List<Long> latencies, int seconds) {
        var sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        long p99 = sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
        System.out.printf("RESULT %s %.1f %d %d %d%n", name, sorted.size() / (double) seconds, p50, p99, sorted.size());
    }

    /** N senders of a fresh EURP instance, each in a closed loop: sign, send raw, wait for the receipt. */
    static List<Long> baseline(Web3j web3j, long chainId, Credentials faucet, int senders, int seconds) throws Exception {
        var receipts = new PollingTransactionReceiptProcessor(web3j, 50, 1200);
        var faucetTx = new RawTransactionManager(web3j, faucet, chainId, receipts);
        var price = web3j.ethGasPrice().send().getGasPrice();
        var token = EuroPiaf.deploy(web3j, faucetTx, new StaticGasProvider(price, BigInteger.valueOf(3_000_000)), faucet.getAddress()).send();
        var keys = new ArrayList<Credentials>();
        for (var i = 0; i < senders; i++) {
            var key = Credentials.create(Keys.createEcKeyPair());
            keys.add(key);
            new Transfer(web3j, faucetTx).sendFunds(key.getAddress(), BigDecimal.ONE, Convert.Unit.ETHER).send();
            token.mint(key.getAddress(), BigInteger.valueOf(1_000_000)).send();
        }
        var latencies = new ConcurrentLinkedQueue<Long>();
        var end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < senders; i++) {
                var me = keys.get(i);
                var to = keys.get((i + 1) % senders).getAddress();
                pool.submit(() -> {
                    var nonce = web3j.ethGetTransactionCount(me.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
                    var data = token.transfer(to, BigInteger.ONE).encodeFunctionCall();
                    while (System.nanoTime() < end) {
                        var started = System.nanoTime();
                        var raw = RawTransaction.createTransaction(nonce, price, BigInteger.valueOf(100_000), token.getContractAddress(), BigInteger.ZERO, data);
                        var hash = web3j.ethSendRawTransaction(Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, me))).send().getTransactionHash();
                        receipts.waitForTransactionReceipt(hash);
                        nonce = nonce.add(BigInteger.ONE);
                        if (System.nanoTime() < end) {
                            latencies.add((System.nanoTime() - started) / 1_000_000);
                        }
                    }
                    return null;
                });
            }
        }
        return new ArrayList<>(latencies);
    }

    /** N Piaf users in closed loops: POST a transfer to the next user, confirm it, poll it until CONFIRMED. */
    static List<Long> piaf(String base, List<String[]> users, int seconds) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        var end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var i = 0; i < users.size(); i++) {
                var token = users.get(i)[1];
                var to = users.get((i + 1) % users.size())[0];
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        var started = System.nanoTime();
                        var created = call(http, base + "/api/crypto/transfers", token,
                                "{\"token\":\"EURP\",\"amount\":\"0.01\",\"to\":\"@" + to + "\"}", UUID.randomUUID().toString());
                        var id = field(created.body(), "id");
                        if (created.statusCode() != 201 || id == null) {
                            failures.incrementAndGet();
                            Thread.sleep(100);
                            continue;
                        }
                        var confirmed = call(http, base + "/api/crypto/transfers/" + id + "/confirm", token, "{\"pin\":\"2468\"}", null);
                        if (confirmed.statusCode() != 200) {
                            failures.incrementAndGet();
                            continue;
                        }
                        while (System.nanoTime() < end + Duration.ofSeconds(30).toNanos()) {
                            var status = field(get(http, base + "/api/crypto/transactions/" + id, token).body(), "status");
                            if ("CONFIRMED".equals(status) || "FAILED".equals(status)) {
                                if ("CONFIRMED".equals(status) && System.nanoTime() < end) {
                                    latencies.add((System.nanoTime() - started) / 1_000_000);
                                }
                                break;
                            }
                            Thread.sleep(50);
                        }
                    }
                    return null;
                });
            }
        }
        System.out.println("RESULT piaf_failures " + failures.get());
        return new ArrayList<>(latencies);
    }

    static String field(String json, String name) {
        var m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    static HttpResponse<String> call(HttpClient http, String url, String token, String body, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
