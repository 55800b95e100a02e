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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Crash and restart under load: top-ups, payments created and confirmed, pay-by-post, card purchases from the
 * network simulator ({@link CardChaos}), checkouts paid with the PIN and their webhooks ({@link CheckoutChaos}), savings deposits and withdrawals (and round-ups of the payments), and replays
 * with the same Idempotency-Key run against a real Piaf process that is killed with SIGKILL at random moments and restarted. Then
 * the audit: every acknowledged operation exists exactly once, replays return the original result, the ledger sums
 * to zero with no wallet below zero, every completed payment notified each party exactly once, and every vault's
 * balance is its ledger account's and its movements'; every completed checkout moved one transfer and reached the shop
 * as a signed webhook.
 *
 * <p>The test suite runs a short version; bench/chaos/run runs a longer one ({@code -Dchaos.kills},
 * {@code -Dchaos.seconds} of load between kills, {@code -Dchaos.seed}).
 */
@Execution(ExecutionMode.CONCURRENT) // beside the in-JVM suite: see junit-platform.properties
@ResourceLock(PiafProcess.CHILD) // one child Piaf at a time: two would halve each one's share of the CPU
class ChaosTests {

    record Attempt(String kind, Map<String, String> user, String key, Object body, String path) {
    }

    private final long seed = Long.getLong("chaos.seed", System.nanoTime());
    // Two kills in the suite: the second restart recovers a database that was itself recovered once, which is all a
    // third one adds; each restart of the child costs 30-60 s on the 2-core CI machine. bench/chaos/run kills 8 times.
    private final int kills = Integer.getInteger("chaos.kills", 2);
    private final double secondsBetweenKills = Double.parseDouble(System.getProperty("chaos.seconds", "4"));

    private final Map<Attempt, String> acknowledged = new ConcurrentHashMap<>(); // attempt -> id from the first answer
    private final Set<Attempt> attempted = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmedPayments = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledgedPosts = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Map<Map<String, String>, networksim.CardNetwork.Card> cards = new ConcurrentHashMap<>();
    private CardChaos cardChaos;
    private CheckoutChaos checkoutChaos;
    private final Map<String, String> vaults = new ConcurrentHashMap<>(); // handle -> the user's savings vault

    @Test
    void kill_dash_nine_under_load_loses_nothing_duplicates_nothing_and_keeps_the_books_straight() throws Exception {
        var random = new Random(seed);
        var work = Path.of("target/chaos-" + seed);
        Files.createDirectories(work);
        try (var piaf = new PiafProcess(work)) {
            piaf.start();
            var client = new ChaosClient(piaf.base());
            var users = new ArrayList<Map<String, String>>();
            for (int i = 0; i < 6; i++) {
                users.add(client.person("chaos" + Long.toString(Math.abs(seed % 100000), 36) + "_" + i));
            }
            for (var user : users) {
                var first = topUpAttempt(user, "300.00");
                record(first, client.post(first.path(), user.get("token"), first.key(), first.body()), "id", 201);
                cards.put(user, CardChaos.card(client, user));
                var vault = client.post("/api/savings/vaults", user.get("token"), UUID.randomUUID().toString(), Map.of("name", "Chaos"));
                vaults.put(user.get("handle"), vault.text("id"));
                if (users.indexOf(user) % 2 == 0) {
                    client.put("/api/savings/vaults/" + vault.text("id") + "/round-ups", user.get("token"), Map.of("enabled", true, "multiplier", 2));
                }
            }
            cardChaos = new CardChaos(java.net.URI.create(piaf.base()), piaf.secretsDir().resolve("cards-network-secret"));
            checkoutChaos = CheckoutChaos.open(client, client.person("chaos" + Long.toString(Math.abs(seed % 100000), 36) + "_shop"));

            for (int round = 0; round < kills; round++) {
                var running = new AtomicBoolean(true);
                var pool = Executors.newFixedThreadPool(6);
                var workers = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int w = 0; w < 6; w++) {
                    var workerRandom = new Random(random.nextLong());
                    workers.add(pool.submit(() -> load(client, users, workerRandom, running)));
                }
                Thread.sleep((long) (secondsBetweenKills * 1000 * (0.5 + random.nextDouble())));
                piaf.kill();
                running.set(false);
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.SECONDS);
                for (var worker : workers) {
                    worker.get(); // a worker that died would have stopped the load unnoticed
                }
                piaf.start();
            }

            // Retries after the crash: every attempt once more with its key and body.
            for (var attempt : attempted) {
                var answer = client.retryKeyed(attempt.path(), attempt.user().get("token"), attempt.key(), attempt.body());
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

            cardChaos.retryAll(problems::add);
            checkoutChaos.retryAll(problems::add);

            try (var db = DriverManager.getConnection(piaf.jdbcUrl(), "postgres", piaf.dbPassword())) {
                awaitQuiet(db);
                audit(db, users);
                cardChaos.audit(db, problems::add);
                checkoutChaos.audit(db, problems::add);
            }
        } finally {
            if (checkoutChaos != null) {
                checkoutChaos.close();
            }
        }
        var total = acknowledged.size() + confirmedPayments.size() + acknowledgedPosts.size() + cardChaos.messages() + checkoutChaos.checkouts();
        System.out.printf("CHAOS seed=%d kills=%d: %d acknowledged (%d card network messages, %d checkouts), %d problems%n", seed, kills, total,
                cardChaos.messages(), checkoutChaos.checkouts(), problems.size());
        assertThat(problems).as("seed " + seed).isEmpty();
        System.out.printf("%d acknowledged, 0 lost, 0 duplicated, invariants hold%n", total);
    }

    private void load(ChaosClient client, List<Map<String, String>> users, Random random, AtomicBoolean running) {
        while (running.get()) {
            var payer = users.get(random.nextInt(users.size()));
            var payee = users.get(random.nextInt(users.size()));
            var cents = String.format("0.%02d", 1 + random.nextInt(99));
            var choice = random.nextInt(13);
            if (choice == 12 && payer != payee) {
                checkoutChaos.checkout(payer, random);
            } else if (choice >= 10 && choice < 12) {
                var direction = choice == 10 ? "deposits" : "withdrawals";
                var attempt = new Attempt(direction, payer, UUID.randomUUID().toString(), Map.of("amount", Map.of("amount", cents, "currency", "EUR")),
                        "/api/savings/vaults/" + vaults.get(payer.get("handle")) + "/" + direction);
                var answer = client.post(attempt.path(), payer.get("token"), attempt.key(), attempt.body());
                if (answer == null || !"insufficient_funds".equals(answer.text("code"))) {
                    record(attempt, answer, "id", 201);
                }
            } else if (choice < 2) {
                var attempt = topUpAttempt(payer, "5.00");
                record(attempt, client.post(attempt.path(), payer.get("token"), attempt.key(), attempt.body()), "id", 201);
            } else if (choice < 7 && payer != payee) {
                var attempt = new Attempt("payment", payer, UUID.randomUUID().toString(),
                        Map.of("to", "@" + payee.get("handle"), "amount", Map.of("amount", cents, "currency", "EUR")), "/api/payments");
                var created = client.post(attempt.path(), payer.get("token"), attempt.key(), attempt.body());
                var id = record(attempt, created, "id", 201);
                if (id != null) {
                    var confirmed = client.post("/api/payments/" + id + "/confirm", payer.get("token"), null, Map.of("pin", payer.get("pin")));
                    if (confirmed != null && confirmed.is(200) && "COMPLETED".equals(confirmed.text("status"))) {
                        confirmedPayments.add(id);
                    }
                }
            } else if (choice == 7 && random.nextBoolean()) {
                cardChaos.purchase(cards.get(payer), random);
            } else if (choice == 7) {
                // crypto: a buy (euros to the treasury, then a mint) or a sell (a burn, then euros back), each a saga
                var attempt = random.nextBoolean()
                        ? new Attempt("buy", payer, UUID.randomUUID().toString(), Map.of("amount", Map.of("amount", cents, "currency", "EUR")), "/api/crypto/buys")
                        : new Attempt("sell", payer, UUID.randomUUID().toString(), Map.of("token", "EURP", "amount", cents), "/api/crypto/sells");
                var answer = client.post(attempt.path(), payer.get("token"), attempt.key(), attempt.body());
                if (answer == null || answer.status() != 503) { // a chain still starting after a restart: nothing was done
                    record(attempt, answer, "id", 201);
                }
            } else if (choice < 9 && payer != payee) {
                var posted = client.post("/api/posts", payer.get("token"), null,
                        Map.of("text", "#envoyer " + cents.replace('.', ',') + "€ @" + payee.get("handle") + " chaos"));
                if (posted != null && posted.is(201)) {
                    acknowledgedPosts.add(posted.text("id"));
                }
            } else {
                var replayable = acknowledged.keySet().stream().skip(random.nextInt(Math.max(1, acknowledged.size()))).findFirst();
                replayable.ifPresent(attempt -> {
                    var answer = client.post(attempt.path(), attempt.user().get("token"), attempt.key(), attempt.body());
                    var reused = answer != null && "idempotency_key_reused".equals(answer.text("code"));
                    var other = answer != null && answer.status() / 100 == 2 && !acknowledged.get(attempt).equals(answer.text("id"));
                    if (reused || other) {
                        problems.add("a replay of " + attempt.kind() + " " + attempt.key() + " answered " + answer.status() + " " + answer.text("id"));
                    }
                });
            }
            if (random.nextInt(20) == 0) {
                pause(20);
            }
        }
    }

    private Attempt topUpAttempt(Map<String, String> user, String amount) {
        return new Attempt("top-up", user, UUID.randomUUID().toString(),
                Map.of("amount", Map.of("amount", amount, "currency", "EUR"),
                        "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2031, "cvc", "123")),
                "/api/wallet/top-ups");
    }

    /** Records an attempt, and its id when it was acknowledged; a failure without an answer leaves it unknown. */
    private String record(Attempt attempt, ChaosClient.Answer answer, String idField, int success) {
        attempted.add(attempt);
        if (answer == null) {
            pause(50); // Piaf is down: it comes back
            return null;
        }
        if (answer.status() >= 500 && answer.status() != 502) {
            problems.add(answer.status() + " for " + attempt.kind() + ": " + answer.body());
        }
        if (answer.is(success)) {
            var id = answer.text(idField);
            acknowledged.putIfAbsent(attempt, id);
            return id;
        }
        return null;
    }

    private void awaitQuiet(Connection db) throws Exception {
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (count(db, "select count(*) from outbox.delivery") == 0
                    && count(db, "select count(*) from crypto.operation where kind in ('BUY', 'SELL') and status in ('PENDING', 'SUBMITTED')") == 0) {
                return;
            }
            Thread.sleep(100);
        }
        problems.add("deliveries still pending a minute after the last restart: " + count(db, "select count(*) from outbox.delivery"));
    }

    private void audit(Connection db, List<Map<String, String>> users) throws Exception {
        for (var entry : acknowledged.entrySet()) {
            var table = switch (entry.getKey().kind()) {
                case "payment" -> "payments.payment";
                case "top-up" -> "payments.top_up";
                case "buy", "sell" -> "crypto.operation";
                default -> "savings.movement";
            };
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
        var topUps = count(db, "select count(*) from payments.top_up where status = 'SUCCEEDED' and user_id in (select id from identity.users where handle in (" + handles + "))");
        var knownTopUps = acknowledged.entrySet().stream().filter(e -> e.getKey().kind().equals("top-up")).map(Map.Entry::getValue).distinct().count();
        if (topUps != knownTopUps) {
            problems.add(topUps + " succeeded top-ups in the database for " + knownTopUps + " distinct acknowledged");
        }
        for (var post : acknowledgedPosts) {
            var payments = count(db, "select count(*) from payments.payment where source = 'POST' and source_id = '" + post + "'");
            var rejections = count(db, "select count(*) from notifications.notification where type = 'payment_rejected' and data->>'sourceId' = '" + post + "'");
            if (payments + rejections != 1) {
                problems.add("post " + post + " made " + payments + " payments and " + rejections + " rejections");
            }
        }
        check(db, "select coalesce(sum(balance), 0) from payments.account", 0, "sum of all ledger accounts");
        // crypto sagas end complete or compensated, never half-done, and the euros held for EURP are the tokens Piaf holds
        check(db, "select count(*) from crypto.operation where kind in ('BUY', 'SELL') and status in ('PENDING', 'SUBMITTED')", 0,
                "buys and sells not settled a minute after the last restart");
        check(db, """
                select count(*) from crypto.operation o where o.kind = 'BUY' and (
                  (select count(*) from payments.transfer t where t.kind = 'CRYPTO_BUY' and t.reference = o.id::text) <> 1
                  or (select count(*) from payments.transfer t where t.kind = 'CRYPTO_BUY_REFUND' and t.reference = o.id::text)
                     <> case when o.status = 'FAILED' then 1 else 0 end)""", 0, "buys whose euros did not move as their status says");
        check(db, """
                select count(*) from crypto.operation o where o.kind = 'SELL' and (select count(*) from payments.transfer t
                  where t.kind = 'CRYPTO_SELL' and t.reference = o.id::text) <> case when o.status = 'CONFIRMED' then 1 else 0 end""",
                0, "sells whose euros did not move as their status says");
        check(db, """
                select abs(coalesce((select balance from payments.account where kind = 'SYSTEM' and purpose = 'CRYPTO_TREASURY'), 0)
                  - coalesce((select sum(token_balance) from crypto.account), 0))""", 0, "euros held for EURP minus the EURP Piaf holds");
        check(db, "select count(*) from payments.account where kind = 'USER' and balance < 0", 0, "wallets below zero");
        check(db, """
                select count(*) from payments.account a left join (select account_id, sum(amount) t from payments.entry group by account_id) e
                on e.account_id = a.id where a.balance <> coalesce(e.t, 0)""", 0, "balances that are not the sum of their entries");
        check(db, "select count(*) from (select transfer_id from payments.entry group by transfer_id having sum(amount) <> 0) x", 0, "unbalanced transfers");
        check(db, """
                select count(*) from payments.payment p where p.status = 'COMPLETED' and (
                  (select count(*) from notifications.notification n where n.type = 'payment_completed' and n.recipient_id = p.payer_id and n.data->>'paymentId' = p.id::text) <> 1
                  or (select count(*) from notifications.notification n where n.type = 'payment_received' and n.recipient_id = p.payee_id and n.data->>'paymentId' = p.id::text) <> 1)""",
                0, "completed payments without exactly one notification for each party");
        for (var savings : io.piaf.testing.LedgerInvariants.SAVINGS.entrySet()) {
            check(db, "select count(*) from (" + savings.getValue() + ") broken", 0, savings.getKey());
        }
        for (var budgets : io.piaf.testing.LedgerInvariants.BUDGETS.entrySet()) {
            check(db, "select count(*) from (" + budgets.getValue() + ") broken", 0, budgets.getKey());
        }
        for (var unlocks : io.piaf.testing.LedgerInvariants.UNLOCKS.entrySet()) {
            check(db, "select count(*) from (" + unlocks.getValue() + ") broken", 0, unlocks.getKey());
        }
        check(db, """
                select count(*) from savings.movement m join payments.transfer t on t.id = m.transfer_id
                where m.kind = 'ROUND_UP' and not exists (
                    select 1 from payments.transfer p where p.id::text = t.reference and p.kind in ('PAYMENT', 'DONATION', 'CARD_PURCHASE'))""",
                0, "round-ups that follow no payment or card purchase");
    }

    private void check(Connection db, String sql, long expected, String what) throws Exception {
        var actual = count(db, sql);
        if (actual != expected) {
            problems.add(what + ": " + actual);
        }
    }


}
