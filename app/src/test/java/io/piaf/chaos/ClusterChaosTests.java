package io.piaf.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chaos audit on the local cluster ({@code bin/cluster chaos}): payments created and confirmed with
 * Idempotency-Keys, pay by post and top-ups go through HAProxy while the cluster's parts are killed with SIGKILL one
 * after the other and brought back ({@code bin/cluster kill X} / {@code revive X}, the targets in
 * {@code piaf.cluster.chaos-targets}: an instance, the notifications service, the broker). The load never stops: the
 * balancer sends it to what is alive. Then every attempt is retried with its key, and the audit reads the databases:
 * every acknowledged operation exists exactly once, the ledger balances, and every completed payment notified each
 * party exactly once — whichever process was dead when its event was committed.
 */
@EnabledIfSystemProperty(named = "piaf.cluster.url", matches = "https?://.+")
class ClusterChaosTests {

    record Attempt(String kind, Map<String, String> user, String key, Object body, String path) {
    }

    private final String base = System.getProperty("piaf.cluster.url");
    private final String control = System.getProperty("piaf.cluster.control", "../bin/cluster");
    private final List<String> targets = Arrays.stream(System.getProperty("piaf.cluster.chaos-targets", "1,2").split(","))
            .map(String::strip).filter(t -> !t.isEmpty()).toList();
    private final double secondsBetweenKills = Double.parseDouble(System.getProperty("chaos.seconds", "6"));
    private final long seed = Long.getLong("chaos.seed", System.nanoTime());

    private final Map<Attempt, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<Attempt> attempted = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmedPayments = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedPosts = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    @Test
    void killing_each_part_of_the_cluster_under_load_loses_nothing_and_notifies_once() throws Exception {
        var random = new Random(seed);
        var client = new ChaosClient(base);
        var users = new ArrayList<Map<String, String>>();
        for (int i = 0; i < 6; i++) {
            users.add(client.person("cc" + Long.toString(Math.abs(seed % 1_000_000), 36) + "_" + i));
        }
        for (var user : users) {
            var topUp = topUpAttempt(user, "200.00");
            record(topUp, client.post(topUp.path(), user.get("token"), topUp.key(), topUp.body()));
        }

        var running = new AtomicBoolean(true);
        var pool = Executors.newFixedThreadPool(6);
        for (int w = 0; w < 6; w++) {
            var workerRandom = new Random(random.nextLong());
            pool.submit(() -> load(client, users, workerRandom, running));
        }
        for (var target : targets) {
            Thread.sleep((long) (secondsBetweenKills * 1000 * (0.5 + random.nextDouble())));
            cluster("kill", target);
            Thread.sleep((long) (secondsBetweenKills * 1000 * (0.5 + random.nextDouble())));
            cluster("revive", target);
        }
        Thread.sleep((long) (secondsBetweenKills * 1000));
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("the load stopped").isTrue();

        for (var attempt : attempted) {
            var answer = retry(client, attempt);
            var original = acknowledged.get(attempt);
            if (answer == null) {
                problems.add("no answer to the retry of " + attempt.kind() + " " + attempt.key());
            } else if (original != null && !original.equals(answer.text("id"))) {
                problems.add("the retry of " + attempt.kind() + " " + attempt.key() + " answered " + answer.status() + " "
                        + answer.text("id") + " instead of " + original);
            } else if (original == null && answer.is(201)) {
                acknowledged.put(attempt, answer.text("id"));
            }
        }

        var password = Files.readString(Path.of(System.getProperty("piaf.cluster.db-password-file"))).strip();
        var piafJdbc = System.getProperty("piaf.cluster.jdbc");
        var notificationsJdbc = System.getProperty("piaf.cluster.notifications-jdbc", piafJdbc);
        try (var db = DriverManager.getConnection(piafJdbc, "postgres", password);
                var notifications = DriverManager.getConnection(notificationsJdbc, "postgres", password)) {
            awaitDelivered(db);
            audit(db, users);
            awaitNotified(db, notifications);
        }
        var total = acknowledged.size() + confirmedPayments.size() + acknowledgedPosts.size();
        System.out.printf("CLUSTER CHAOS seed=%d targets=%s: %d acknowledged (%d payments confirmed), %d problems%n", seed, targets, total,
                confirmedPayments.size(), problems.size());
        assertThat(problems).as("seed " + seed).isEmpty();
        assertThat(confirmedPayments).as("payments completed under chaos").isNotEmpty();
    }

    private void cluster(String command, String target) throws Exception {
        var process = new ProcessBuilder(control, command, target).inheritIO().start();
        if (!process.waitFor(240, TimeUnit.SECONDS) || process.exitValue() != 0) {
            problems.add("bin/cluster " + command + " " + target + " failed");
        }
    }

    private void load(ChaosClient client, List<Map<String, String>> users, Random random, AtomicBoolean running) {
        while (running.get()) {
            var payer = users.get(random.nextInt(users.size()));
            var payee = users.get(random.nextInt(users.size()));
            var cents = String.format("0.%02d", 1 + random.nextInt(99));
            var choice = random.nextInt(10);
            if (choice == 0) {
                var attempt = topUpAttempt(payer, "5.00");
                record(attempt, client.post(attempt.path(), payer.get("token"), attempt.key(), attempt.body()));
            } else if (choice < 7 && payer != payee) {
                var attempt = new Attempt("payment", payer, UUID.randomUUID().toString(),
                        Map.of("to", "@" + payee.get("handle"), "amount", Map.of("amount", cents, "currency", "EUR")), "/api/payments");
                var id = record(attempt, client.post(attempt.path(), payer.get("token"), attempt.key(), attempt.body()));
                if (id != null) {
                    var confirmed = client.post("/api/payments/" + id + "/confirm", payer.get("token"), null, Map.of("pin", payer.get("pin")));
                    if (confirmed != null && confirmed.is(200) && "COMPLETED".equals(confirmed.text("status"))) {
                        confirmedPayments.add(id);
                    }
                }
            } else if (payer != payee) {
                var posted = client.post("/api/posts", payer.get("token"), null,
                        Map.of("text", "#envoyer " + cents.replace('.', ',') + "€ @" + payee.get("handle") + " cluster chaos"));
                if (posted != null && posted.is(201)) {
                    acknowledgedPosts.add(posted.text("id"));
                }
            }
        }
    }

    private static Attempt topUpAttempt(Map<String, String> user, String amount) {
        return new Attempt("top-up", user, UUID.randomUUID().toString(),
                Map.of("amount", Map.of("amount", amount, "currency", "EUR"),
                        "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2031, "cvc", "123")),
                "/api/wallet/top-ups");
    }

    /** Records an attempt and the id of its first answer; no answer (a killed instance) leaves its outcome unknown. */
    private String record(Attempt attempt, ChaosClient.Answer answer) {
        attempted.add(attempt);
        if (answer == null || answer.status() == 502 || answer.status() == 503) {
            pause(50); // the balancer has not yet taken the dead instance out, or nothing is up: it comes back
            return null;
        }
        if (answer.status() >= 500) {
            problems.add(answer.status() + " for " + attempt.kind() + ": " + answer.body());
        }
        if (answer.is(201)) {
            var id = answer.text("id");
            acknowledged.putIfAbsent(attempt, id);
            return id;
        }
        return null;
    }

    /** As ChaosTests' clients: a key held by a request that died is answered 409 until its lease runs out. */
    private static ChaosClient.Answer retry(ChaosClient client, Attempt attempt) {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var answer = client.post(attempt.path(), attempt.user().get("token"), attempt.key(), attempt.body());
            var retryable = answer == null || answer.status() == 502 || answer.status() == 503
                    || "idempotency_key_in_use".equals(answer.text("code"));
            if (!retryable || System.nanoTime() > deadline) {
                return answer;
            }
            pause(500);
        }
    }

    private void awaitDelivered(Connection db) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (count(db, "select count(*) from outbox.delivery") > 0) {
            if (System.nanoTime() > deadline) {
                problems.add("outbox deliveries still pending 90 s after the load: " + count(db, "select count(*) from outbox.delivery"));
                return;
            }
            Thread.sleep(200);
        }
    }

    private void audit(Connection db, List<Map<String, String>> users) throws Exception {
        for (var entry : acknowledged.entrySet()) {
            var table = entry.getKey().kind().equals("payment") ? "payments.payment" : "payments.top_up";
            var found = count(db, "select count(*) from " + table + " where id = '" + entry.getValue() + "'");
            if (found != 1) {
                problems.add("acknowledged " + entry.getKey().kind() + " " + entry.getValue() + " found " + found + " times");
            }
        }
        for (var id : confirmedPayments) {
            if (count(db, "select count(*) from payments.payment where status = 'COMPLETED' and id = '" + id + "'") != 1) {
                problems.add("confirmed payment " + id + " is not COMPLETED");
            }
        }
        var handles = users.stream().map(u -> "'" + u.get("handle") + "'").reduce((a, b) -> a + "," + b).orElseThrow();
        var apiPayments = count(db, "select count(*) from payments.payment where source = 'API' and payer_handle in (" + handles + ")");
        var knownPayments = acknowledged.entrySet().stream().filter(e -> e.getKey().kind().equals("payment")).map(Map.Entry::getValue).distinct().count();
        if (apiPayments != knownPayments) {
            problems.add(apiPayments + " API payments in the database for " + knownPayments + " distinct created (duplicates or lost)");
        }
        for (var post : acknowledgedPosts) {
            if (count(db, "select count(*) from payments.payment where source = 'POST' and source_id = '" + post + "'") > 1) {
                problems.add("post " + post + " made more than one payment");
            }
        }
        check(db, "select coalesce(sum(balance), 0) from payments.account", 0, "sum of all ledger accounts");
        check(db, "select count(*) from payments.account where kind = 'USER' and balance < 0", 0, "wallets below zero");
        check(db, "select count(*) from (select transfer_id from payments.entry group by transfer_id having sum(amount) <> 0) x", 0,
                "unbalanced transfers");
    }

    /**
     * Every completed payment of these users notified payer and payee exactly once, in the notifications' own store
     * (the service's database in the cluster). Consumers may lag after a broker restart: wait for the count, never
     * past exactly once.
     */
    private void awaitNotified(Connection db, Connection notifications) throws Exception {
        var completed = new ArrayList<String[]>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery(
                "select id, payer_id, payee_id from payments.payment where status = 'COMPLETED' and id = any(array["
                        + confirmedPayments.stream().map(id -> "'" + id + "'::uuid").reduce((a, b) -> a + "," + b).orElse("null::uuid") + "])")) {
            while (rs.next()) {
                completed.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
            }
        }
        var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        List<String> missing;
        List<String> duplicated;
        do {
            missing = new ArrayList<>();
            duplicated = new ArrayList<>();
            for (var payment : completed) {
                var toPayer = count(notifications, "select count(*) from notifications.notification where type = 'payment_completed' and recipient_id = '"
                        + payment[1] + "' and data->>'paymentId' = '" + payment[0] + "'");
                var toPayee = count(notifications, "select count(*) from notifications.notification where type = 'payment_received' and recipient_id = '"
                        + payment[2] + "' and data->>'paymentId' = '" + payment[0] + "'");
                if (toPayer > 1 || toPayee > 1) {
                    duplicated.add("payment " + payment[0] + " notified the payer " + toPayer + " and the payee " + toPayee + " times");
                } else if (toPayer + toPayee < 2) {
                    missing.add(payment[0]);
                }
            }
            if (!missing.isEmpty()) {
                Thread.sleep(500);
            }
        } while (!missing.isEmpty() && duplicated.isEmpty() && System.nanoTime() < deadline);
        problems.addAll(duplicated);
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " completed payments not notified to both parties 90 s after the load, e.g. " + missing.getFirst());
        }
    }

    private void check(Connection db, String sql, long expected, String what) throws Exception {
        var actual = count(db, sql);
        if (actual != expected) {
            problems.add(what + ": " + actual);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
