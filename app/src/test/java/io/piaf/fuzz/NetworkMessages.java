package io.piaf.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile card network messages, correctly signed: a signature the issuer accepts lets the fuzzer past the HMAC check
 * into the message's parsing and the issuer's decisions (unsigned and wrongly signed ones are sent as for any other
 * operation, and must get a 401). Each starts as a well-formed message about a real card and has one field broken.
 */
final class NetworkMessages {

    private static final JsonMapper JSON = new JsonMapper();
    private static final List<String> TYPES = List.of("AUTHORIZATION", "INCREMENTAL", "REVERSAL", "CLEARING", "REFUND");

    private final byte[] secret;
    private final String pan;
    private final int expMonth;
    private final int expYear;

    NetworkMessages(byte[] secret, String pan, int expMonth, int expYear) {
        this.secret = secret.clone();
        this.pan = pan;
        this.expMonth = expMonth;
        this.expYear = expYear;
    }

    /** A body and the headers that sign it, for a few hostile messages. */
    List<Map.Entry<String, Map<String, String>>> hostile(Random random) {
        var messages = new ArrayList<Map.Entry<String, Map<String, String>>>();
        for (int i = 0; i < 3; i++) {
            var message = template(random);
            var names = new ArrayList<String>();
            message.propertyNames().forEach(names::add);
            var field = Mutations.pick(random, names);
            switch (random.nextInt(5)) {
                case 0 -> message.put(field, Mutations.pick(random, Mutations.STRINGS));
                case 1 -> message.set(field, JSON.readTree(Mutations.pick(random, Mutations.JSON_VALUES)));
                case 2 -> message.set("amount", JSON.createObjectNode().put("amount", Mutations.pick(random, Mutations.AMOUNTS))
                        .put("currency", Mutations.pick(random, List.of("EUR", "eur", "USD", "", "EURO", "XXX"))));
                case 3 -> message.remove(field);
                default -> message.set("merchant", JSON.createObjectNode().put("name", Mutations.pick(random, Mutations.STRINGS))
                        .put("mcc", Mutations.pick(random, List.of("5812", "58", "abcd", "99999", "")))
                        .put("country", Mutations.pick(random, List.of("FR", "fr", "FRA", "", "\u202EUS"))));
            }
            messages.add(signed(message.toString()));
        }
        messages.add(signed(Mutations.pick(random, Mutations.brokenBodies())));
        return messages;
    }

    private ObjectNode template(Random random) {
        var type = Mutations.pick(random, TYPES);
        var message = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("type", type);
        if (type.equals("AUTHORIZATION")) {
            message.put("pan", pan).put("expMonth", expMonth).put("expYear", expYear).put("cvc", "123")
                    .put("channel", Mutations.pick(random, List.of("ONLINE", "CONTACTLESS", "CHIP")));
            message.set("merchant", JSON.createObjectNode().put("name", "Fuzz shop").put("mcc", "5812").put("country", "FR"));
        } else {
            message.put("authorizationId", UUID.randomUUID().toString());
        }
        message.set("amount", JSON.createObjectNode().put("amount", "1.00").put("currency", "EUR"));
        return message;
    }

    private Map.Entry<String, Map<String, String>> signed(String body) {
        var timestamp = Long.toString(System.currentTimeMillis() / 1000);
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            var signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return Map.entry(body, Map.of("Piaf-Network-Timestamp", timestamp, "Piaf-Network-Signature", "v1=" + signature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
