package io.piaf.chaos;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import networksim.CardNetwork;

/**
 * Card traffic in the chaos test: the network simulator authorizes, clears and reverses purchases while Piaf is
 * killed. After the restarts every message is sent again with its id (a network retries what it got no answer to);
 * the audit checks that an answered message gets the same answer again, that each approval is one authorization
 * holding or having moved its money exactly once, and that holds and wallets still agree.
 */
final class CardChaos {

    private final CardNetwork network;
    private final Map<String, Map<String, Object>> sent = new ConcurrentHashMap<>(); // message id -> body
    private final Map<String, String> answers = new ConcurrentHashMap<>();          // message id -> first answer
    private final Map<String, String> approvals = new ConcurrentHashMap<>();        // authorization id -> message id

    CardChaos(URI base, Path secretFile) throws Exception {
        network = new CardNetwork(base, Files.readString(secretFile).strip().getBytes(StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(5));
    }

    /** Issues a card to the user and reads it through the PIN step-up, as its holder would. */
    static CardNetwork.Card card(ChaosClient client, Map<String, String> user) {
        var id = client.post("/api/cards", user.get("token"), null, Map.of("type", "VIRTUAL")).text("id");
        var revealed = client.post("/api/cards/" + id + "/reveal", user.get("token"), null, Map.of("pin", user.get("pin")));
        return new CardNetwork.Card(revealed.text("number"), Integer.parseInt(revealed.text("expMonth")),
                Integer.parseInt(revealed.text("expYear")), revealed.text("cvc"));
    }

    /** One purchase: an authorization, then (sometimes) its clearing, a partial clearing or its reversal. */
    void purchase(CardNetwork.Card card, Random random) {
        var cents = String.format("0.%02d", 1 + random.nextInt(99));
        var auth = network.authorization(UUID.randomUUID().toString(), card, cents, "EUR", CardNetwork.Merchant.CAFE, "CONTACTLESS");
        var authorizationId = send(auth);
        if (authorizationId == null) {
            return;
        }
        var next = random.nextInt(4);
        if (next == 3) {
            return; // stays pending
        }
        var follow = new java.util.LinkedHashMap<String, Object>();
        follow.put("id", UUID.randomUUID().toString());
        follow.put("type", next == 2 ? "REVERSAL" : "CLEARING");
        follow.put("authorizationId", authorizationId);
        if (next != 2) {
            follow.put("amount", Map.of("amount", next == 0 ? cents : "0.01", "currency", "EUR"));
        }
        send(follow);
    }

    /** Sends a message and records its first answer; the authorization id when approved. */
    private String send(Map<String, Object> body) {
        var id = (String) body.get("id");
        sent.put(id, body);
        CardNetwork.Reply reply;
        try {
            reply = network.send(body);
        } catch (IllegalStateException down) {
            return null; // Piaf is down: the retry after the restarts sends it again
        }
        if (reply.status() != 200) {
            return null;
        }
        answers.putIfAbsent(id, answer(reply));
        if (reply.approved() && "AUTHORIZATION".equals(body.get("type")) && reply.authorizationId() != null) {
            approvals.put(reply.authorizationId(), id);
        }
        return reply.approved() ? reply.authorizationId() : null;
    }

    private static String answer(CardNetwork.Reply reply) {
        return reply.approved() + "/" + reply.authorizationId() + "/" + reply.reason();
    }

    /** Every message once more, with its id: an answered one must answer the same. */
    void retryAll(Consumer<String> problems) {
        for (var entry : sent.entrySet()) {
            var reply = network.send(entry.getValue());
            if (reply.status() != 200) {
                problems.accept("the retry of network message " + entry.getKey() + " answered " + reply.status() + " " + reply.body());
                continue;
            }
            var first = answers.putIfAbsent(entry.getKey(), answer(reply));
            if (first != null && !first.equals(answer(reply))) {
                problems.accept("network message " + entry.getKey() + " answered " + answer(reply) + " after " + first);
            }
            if (first == null && reply.approved() && "AUTHORIZATION".equals(entry.getValue().get("type"))) {
                approvals.put(reply.authorizationId(), entry.getKey());
            }
        }
    }

    int messages() {
        return sent.size();
    }

    void audit(Connection db, Consumer<String> problems) throws Exception {
        for (var approval : approvals.keySet()) {
            if (count(db, "select count(*) from cards.authorization where status <> 'DECLINED' and id = '" + approval + "'") != 1) {
                problems.accept("approved authorization " + approval + " is not exactly one authorization");
            }
        }
        for (var message : sent.keySet()) {
            if (count(db, "select count(*) from cards.network_message where id = '" + message + "'") != 1) {
                problems.accept("network message " + message + " is not recorded exactly once");
            }
        }
        check(db, problems, """
                select count(*) from payments.account a left join (select account_id, sum(remaining) t from payments.hold
                  where status = 'ACTIVE' group by account_id) h on h.account_id = a.id where a.held <> coalesce(h.t, 0)""",
                "accounts whose held amount is not the sum of their active holds");
        check(db, problems, "select count(*) from payments.account where kind = 'USER' and balance - held < 0", "wallets holding more than they have");
        check(db, problems, """
                select count(*) from cards.authorization c left join payments.hold h on h.id = c.id
                where (c.status = 'PENDING' and (h.status is distinct from 'ACTIVE' or h.remaining <> c.held))
                   or (c.status <> 'PENDING' and h.status = 'ACTIVE')""", "card authorizations whose hold disagrees");
        check(db, problems, """
                select count(*) from cards.authorization c where c.status = 'CLEARED' and 1 <> (
                  select count(*) from payments.transfer t join payments.entry e on e.transfer_id = t.id
                  where t.kind = 'CARD_PURCHASE' and t.reference = c.id::text and e.amount = -c.captured)""",
                "cleared purchases that did not move their captured amount exactly once");
    }

    private static void check(Connection db, Consumer<String> problems, String sql, String what) throws Exception {
        var actual = count(db, sql);
        if (actual != 0) {
            problems.accept(what + ": " + actual);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
