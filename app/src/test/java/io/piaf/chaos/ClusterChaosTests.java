package io.piaf.chaos;

import static io.piaf.chaos.AuditSql.count;
import static io.piaf.chaos.AuditSql.pause;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chaos audit on the local cluster ({@code bin/cluster chaos}): payments and follows through HAProxy while one
 * Piaf instance and the notifications service are killed with SIGKILL and the Kafka broker restarts, then both come
 * back. Audit against both databases: every acknowledged payment exists once and completed, the books balance, and
 * every completed payment and every follow made exactly one notification of each kind in the service's database
 * (none lost on the way through the outbox, the broker and the service's inbox, none applied twice).
 */
@EnabledIfSystemProperty(named = "piaf.cluster.chaos", matches = "true")
class ClusterChaosTests {

    private final String base = System.getProperty("piaf.cluster.url");
    private final Path dir = Path.of(System.getProperty("piaf.cluster.dir"));
    private final Path script = Path.of(System.getProperty("piaf.cluster.script"));
    private final int pgPort = Integer.getInteger("piaf.cluster.pg-port", 55432);
    private final int notificationsPgPort = Integer.getInteger("piaf.cluster.notifications-pg-port", 55433);
    private final int seconds = Integer.getInteger("piaf.cluster.chaos-seconds", 40);

    private final Map<String, String> createdPayments = new ConcurrentHashMap<>(); // idempotency key -> payment id
    private final Set<String> confirmedPayments = ConcurrentHashMap.newKeySet();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Test
    void kill_an_instance_and_the_notifications_service_restart_the_broker_and_every_notification_arrives_once() throws Exception {
        var client = new ChaosClient(base);
        var run = Long.toString(System.currentTimeMillis() % 100_000, 36);
        var users = new ArrayList<Map<String, String>>();
        for (int i = 0; i < 8; i++) {
            var user = client.person("cc" + run + "u" + i);
            var topUp = client.post("/api/wallet/top-ups", user.get("token"), UUID.randomUUID().toString(),
                    Map.of("amount", Map.of("amount", "50.00", "currency", "EUR"),
                            "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2031, "cvc", "123")));
            assertThat(topUp.status()).as("top-up of %s", user.get("handle")).isEqualTo(201);
            users.add(user);
        }

        var running = new AtomicBoolean(true);
        var load = Executors.newFixedThreadPool(4);
        var workers = new ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < 4; t++) {
            var random = new Random(t);
            workers.add(load.submit(() -> load(client, users, random, running)));
        }
        var plan = List.of(
                Map.entry(8, List.of("kill", "1")),
                Map.entry(4, List.of("kill", "notifications")),
                Map.entry(4, List.of("restart-kafka")),
                Map.entry(4, List.of("revive", "1")),
                Map.entry(2, List.of("revive", "notifications")));
        for (var step : plan) {
            Thread.sleep(step.getKey() * 1000L);
            cluster(step.getValue());
        }
        var confirmedDuringChaos = confirmedPayments.size();
        Thread.sleep(Math.max(5, seconds - 22) * 1000L);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (var worker : workers) {
            worker.get(); // a worker that died would have stopped the load unnoticed
        }
        assertThat(confirmedPayments.size()).as("payments confirmed after the instance and the service came back")
                .isGreaterThan(confirmedDuringChaos);

        try (var piaf = connect(pgPort, "postgres"); var notifications = connect(notificationsPgPort, "notifications-postgres")) {
            var handles = users.stream().map(u -> "'" + u.get("handle") + "'").reduce((a, b) -> a + "," + b).orElseThrow();
            awaitDelivered(piaf, notifications, handles);
            audit(piaf, notifications, handles);
        }
        System.out.printf("cluster chaos: %d payments created, %d confirmed, problems: %s%n", createdPayments.size(),
                confirmedPayments.size(), problems);
        assertThat(problems).as("%d payments created, %d confirmed", createdPayments.size(), confirmedPayments.size()).isEmpty();
        assertThat(confirmedPayments).as("payments confirmed during the chaos").hasSizeGreaterThan(10);
    }

    private void load(ChaosClient client, List<Map<String, String>> users, Random random, AtomicBoolean running) {
        while (running.get()) {
            var payer = users.get(random.nextInt(users.size()));
            var payee = users.get(random.nextInt(users.size()));
            if (payer == payee) {
                continue;
            }
            if (random.nextInt(4) == 0) {
                client.put("/api/users/" + payee.get("handle") + "/follow", payer.get("token"), Map.of());
                continue;
            }
            var key = UUID.randomUUID().toString();
            var body = Map.of("to", "@" + payee.get("handle"), "amount", Map.of("amount", String.format("0.%02d", 1 + random.nextInt(99)), "currency", "EUR"));
            // A request without an answer is sent again with its key, as a client does: at most one payment comes of it.
            for (int attempt = 0; attempt < 20 && running.get(); attempt++) {
                var created = client.post("/api/payments", payer.get("token"), key, body);
                if (created != null && created.is(201)) {
                    var id = created.text("id");
                    var previous = createdPayments.putIfAbsent(key, id);
                    if (previous != null && !previous.equals(id)) {
                        problems.add("key " + key + " answered two payments: " + previous + " and " + id);
                    }
                    var confirmed = client.post("/api/payments/" + id + "/confirm", payer.get("token"), null, Map.of("pin", payer.get("pin")));
                    if (confirmed != null && confirmed.is(200) && "COMPLETED".equals(confirmed.text("status"))) {
                        confirmedPayments.add(id);
                    }
                    break;
                }
                if (created != null && created.status() >= 500 && created.status() != 502 && created.status() != 503) {
                    problems.add(created.status() + " for a payment: " + created.body());
                }
                if (created != null && created.status() / 100 == 4 && created.status() != 409) {
                    break; // refused (e.g. insufficient funds): nothing was done
                }
                pause(200);
            }
        }
    }

    /** Until Piaf's outbox has nothing left to send and the service has every notification, or two minutes. */
    private void awaitDelivered(Connection piaf, Connection notifications, String handles) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (count(piaf, "select count(*) from outbox.delivery") == 0
                    && missing(piaf, notifications, handles).isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        problems.add("still undelivered two minutes after the last restart: " + count(piaf, "select count(*) from outbox.delivery")
                + " deliveries in Piaf's outbox");
    }

    private void audit(Connection piaf, Connection notifications, String handles) throws Exception {
        for (var id : createdPayments.values()) {
            check(piaf, "select count(*) from payments.payment where id = '" + id + "'", 1, "acknowledged payment " + id);
        }
        for (var id : confirmedPayments) {
            check(piaf, "select count(*) from payments.payment where status = 'COMPLETED' and id = '" + id + "'", 1, "confirmed payment " + id + " COMPLETED");
        }
        check(piaf, "select count(*) from payments.payment where source = 'API' and payer_handle in (" + handles + ")",
                createdPayments.values().stream().distinct().count(), "API payments of the run (duplicates or lost)");
        check(piaf, "select coalesce(sum(balance), 0) from payments.account", 0, "sum of all ledger accounts");
        check(piaf, "select count(*) from payments.account where kind = 'USER' and balance < 0", 0, "wallets below zero");
        check(piaf, "select count(*) from (select transfer_id from payments.entry group by transfer_id having sum(amount) <> 0) x", 0, "unbalanced transfers");
        problems.addAll(missing(piaf, notifications, handles));
        // Notifications run elsewhere: Piaf's instances wrote none (their schema is not even made on a fresh cluster).
        if (count(piaf, "select count(*) from information_schema.tables where table_schema = 'notifications' and table_name = 'notification'") > 0) {
            check(piaf, "select count(*) from notifications.notification where created_at > now() - interval '10 minutes'", 0,
                    "notifications written in Piaf's own database");
        }
    }

    /** Every completed payment and every follow of the run, with its notifications in the service: exactly one each. */
    private List<String> missing(Connection piaf, Connection notifications, String handles) throws Exception {
        var expected = new ArrayList<String>(); // recipient|type|key
        try (var statement = piaf.createStatement(); var rows = statement.executeQuery(
                "select id, payer_id, payee_id from payments.payment where status = 'COMPLETED' and payer_handle in (" + handles + ")")) {
            while (rows.next()) {
                expected.add(rows.getString(2) + "|payment_completed|" + rows.getString(1));
                expected.add(rows.getString(3) + "|payment_received|" + rows.getString(1));
            }
        }
        try (var statement = piaf.createStatement(); var rows = statement.executeQuery("""
                select f.followee_id, f.follower_id from messaging.follow f join identity.users u on u.id = f.follower_id
                where u.handle in (%s)""".formatted(handles))) {
            while (rows.next()) {
                expected.add(rows.getString(1) + "|new_follower|" + rows.getString(2));
            }
        }
        var found = new java.util.HashMap<String, Integer>();
        try (var statement = notifications.createStatement(); var rows = statement.executeQuery("""
                select recipient_id, type, coalesce(data->>'paymentId', data->'follower'->>'id') from notifications.notification
                where type in ('payment_completed', 'payment_received', 'new_follower')""")) {
            while (rows.next()) {
                found.merge(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3), 1, Integer::sum);
            }
        }
        var wrong = new ArrayList<String>();
        for (var key : expected) {
            var times = found.getOrDefault(key, 0);
            if (times != 1) {
                wrong.add("notification " + key + " found " + times + " times in the service's database");
            }
        }
        return wrong;
    }

    private void cluster(List<String> command) throws Exception {
        var args = new ArrayList<String>();
        args.add(script.toString());
        args.addAll(command);
        // Its output goes through System.out: a child writing to the fork's own stdout corrupts Surefire's channel.
        var process = new ProcessBuilder(args).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("bin/cluster %s", command).isTrue();
        System.out.printf("%s bin/cluster %s: %s%n", java.time.Instant.now(), String.join(" ", command), output.strip());
        assertThat(process.exitValue()).as("bin/cluster %s", command).isZero();
    }

    private Connection connect(int port, String name) throws Exception {
        var password = Files.readString(dir.resolve(name).resolve("piaf.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
    }

    private void check(Connection db, String sql, long expected, String what) throws Exception {
        var actual = count(db, sql);
        if (actual != expected) {
            problems.add(what + ": " + actual + " (expected " + expected + ")");
        }
    }


}
