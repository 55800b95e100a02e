package io.piaf.chaos;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.piaf.commerce.internal.domain.WebhookSignatures;
import io.piaf.testing.Commerce;
import io.piaf.testing.LedgerInvariants;

/**
 * Checkouts in the chaos test: a shop creates sessions (with an Idempotency-Key) and users pay them with the PIN while
 * Piaf is killed; the shop's webhook endpoint is a receiver in this JVM, which outlives the kills. After the restarts
 * every creation is retried with its key and every payment asked again (paying is idempotent by the session); the
 * audit checks that each paid session moved exactly one ledger transfer, that the shop received at least one webhook
 * signed with its endpoint's secret for each of them (and the delivery log says DELIVERED), and commerce's invariants.
 */
final class CheckoutChaos implements AutoCloseable {

    record Created(String key, Map<String, Object> body) {
    }

    private final ChaosClient client;
    private final String clientId;
    private final String clientSecret;
    private final String webhookSecret;
    private final Commerce.Receiver receiver;
    private volatile String token;
    private volatile Instant tokenAt;
    private final Map<Created, String> created = new ConcurrentHashMap<>();     // attempt -> session id, once answered
    private final Set<Created> attempted = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> payers = new ConcurrentHashMap<>(); // session -> who tried to pay it
    private final Set<String> paid = ConcurrentHashMap.newKeySet();               // answered COMPLETE

    private CheckoutChaos(ChaosClient client, String clientId, String clientSecret, Commerce.Receiver receiver) {
        this.client = client;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.receiver = receiver;
        this.token = client.clientToken(clientId, clientSecret);
        this.tokenAt = Instant.now();
        this.webhookSecret = client.post("/api/webhook-endpoints", token, null,
                Map.of("url", receiver.url(), "events", List.of("checkout.session.completed"))).text("secret");
    }

    /** A shop opened by {@code owner} (who then never pays it: paying one's own shop is refused), with its endpoint. */
    static CheckoutChaos open(ChaosClient client, Map<String, String> owner) throws Exception {
        var merchant = client.post("/api/merchants", owner.get("token"), null, Map.of("name", "Chaos shop", "mcc", "5812", "supportEmail", "chaos@shop.example"));
        return new CheckoutChaos(client, merchant.text("clientId"), merchant.text("clientSecret"), new Commerce.Receiver());
    }

    /** Merchant tokens live 15 minutes; a long chaos run takes a new one. */
    private String token() {
        if (Duration.between(tokenAt, Instant.now()).toMinutes() >= 10) {
            var fresh = client.clientToken(clientId, clientSecret);
            if (fresh != null) {
                token = fresh;
                tokenAt = Instant.now();
            }
        }
        return token;
    }

    /** One checkout: a session for a small basket, paid at once by {@code payer}. */
    void checkout(Map<String, String> payer, Random random) {
        var attempt = new Created(UUID.randomUUID().toString(), Map.of("lineItems",
                List.of(Map.of("name", "Chaos", "quantity", 1 + random.nextInt(3), "unitAmount", String.format("0.%02d", 1 + random.nextInt(99)))),
                "successUrl", "https://shop.example/thanks", "cancelUrl", "https://shop.example/basket"));
        attempted.add(attempt);
        var session = client.post("/api/checkout/sessions", token(), attempt.key(), attempt.body());
        if (session == null || !session.is(201)) {
            return;
        }
        created.putIfAbsent(attempt, session.text("id"));
        pay(session.text("id"), payer);
    }

    private void pay(String session, Map<String, String> payer) {
        payers.putIfAbsent(session, payer);
        var answer = client.post("/api/checkout/sessions/" + session + "/pay", payers.get(session).get("token"), null, Map.of("pin", payers.get(session).get("pin")));
        if (answer != null && answer.is(200) && "COMPLETE".equals(answer.text("status"))) {
            paid.add(session);
        }
    }

    /** After the last restart: each creation again with its key (same session, or the one that never got answered), each payment again. */
    void retryAll(Consumer<String> problems) {
        for (var attempt : attempted) {
            var answer = client.retryKeyed("/api/checkout/sessions", token(), attempt.key(), attempt.body());
            var original = created.get(attempt);
            if (answer == null || !answer.is(201)) {
                problems.accept("the retry of checkout session " + attempt.key() + " answered " + (answer == null ? "nothing" : answer.status() + " " + answer.body()));
            } else if (original != null && !original.equals(answer.text("id"))) {
                problems.accept("the retry of checkout session " + attempt.key() + " made another session: " + answer.text("id") + " for " + original);
            }
        }
        for (var session : Set.copyOf(payers.keySet())) {
            pay(session, payers.get(session));
        }
    }

    int checkouts() {
        return paid.size();
    }

    void audit(Connection db, Consumer<String> problems) throws Exception {
        for (var session : paid) {
            if (count(db, "select count(*) from commerce.checkout_session where status = 'COMPLETE' and id = '" + session + "'") != 1) {
                problems.accept("paid checkout " + session + " is not COMPLETE");
            }
        }
        for (var invariant : LedgerInvariants.COMMERCE.entrySet()) {
            var broken = count(db, "select count(*) from (" + invariant.getValue() + ") broken");
            if (broken != 0) {
                problems.accept(invariant.getKey() + ": " + broken);
            }
        }
        var complete = new HashSet<String>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery(
                "select s.id::text from commerce.checkout_session s join commerce.merchant m on m.id = s.merchant_id where m.client_id = '"
                        + clientId + "' and s.status = 'COMPLETE'")) {
            while (rs.next()) {
                complete.add(rs.getString(1));
            }
        }
        if (!complete.containsAll(paid)) {
            problems.accept("paid checkouts missing from the shop's completed sessions");
        }
        // a delivery claimed when Piaf was killed is tried again once its lease (timeout + 30 s) runs out
        var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            var unnotified = new HashSet<>(complete);
            unnotified.removeAll(received());
            var undelivered = new HashSet<>(complete);
            undelivered.removeAll(delivered(db));
            if (unnotified.isEmpty() && undelivered.isEmpty() || System.nanoTime() > deadline) {
                if (!unnotified.isEmpty()) {
                    problems.accept(unnotified.size() + " completed checkouts without a verified webhook at the shop, e.g. " + unnotified.iterator().next());
                }
                if (!undelivered.isEmpty()) {
                    problems.accept(undelivered.size() + " completed checkouts without a DELIVERED delivery, e.g. " + undelivered.iterator().next());
                }
                return;
            }
            Thread.sleep(200);
        }
    }

    /** The sessions named by checkout.session.completed webhooks whose signature is the endpoint's. */
    private Set<String> received() {
        var sessions = new HashSet<String>();
        for (var webhook : receiver.received) {
            if (WebhookSignatures.verify(webhook.signature(), webhook.body(), webhookSecret, Instant.now())) {
                var event = ChaosClient.JSON.readTree(webhook.body());
                if ("checkout.session.completed".equals(event.get("type").asString())) {
                    sessions.add(event.get("data").get("object").get("id").asString());
                }
            }
        }
        return sessions;
    }

    /** The sessions with a DELIVERED checkout.session.completed in the delivery log. */
    private static Set<String> delivered(Connection db) throws Exception {
        var sessions = new HashSet<String>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery("""
                select distinct body::jsonb -> 'data' -> 'object' ->> 'id' from commerce.webhook_delivery
                where type = 'checkout.session.completed' and status = 'DELIVERED'""")) {
            while (rs.next()) {
                sessions.add(rs.getString(1));
            }
        }
        return sessions;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        receiver.close();
    }
}
