package networksim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The card network as an issuer sees it: every message signed ({@code Piaf-Network-Timestamp},
 * {@code Piaf-Network-Signature: v1=hex(HMAC-SHA256(secret, timestamp + "." + body))}) and posted to
 * {@code /network/v1/messages}. Each call builds a message with a fresh id unless told to resend one.
 */
public final class CardNetwork {

    /** A card as a terminal reads it. */
    public record Card(String pan, int expMonth, int expYear, String cvc) {

        @Override
        public String toString() {
            return "Card[" + pan.substring(0, 6) + "******" + pan.substring(pan.length() - 4) + "]";
        }
    }

    public record Merchant(String name, String mcc, String country) {

        public static final Merchant CAFE = new Merchant("Café de Flore", "5812", "FR");
    }

    /** The issuer's answer; {@code status} is the HTTP status, 0 when the network gave up waiting (a timeout). */
    public record Reply(int status, boolean approved, String authorizationId, String reason, String body, String messageId) {

        public boolean timedOut() {
            return status == 0;
        }
    }

    private final URI base;
    private final URI endpoint;
    private final byte[] secret;
    private final HttpClient http;
    private Duration timeout = Duration.ofSeconds(10);

    public CardNetwork(URI base, byte[] secret) {
        this.base = base;
        this.endpoint = base.resolve("/network/v1/messages");
        this.secret = secret.clone();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    byte[] secret() {
        return secret.clone();
    }

    /** How long the network waits for the issuer before it treats the message as timed out (and reverses it). */
    public CardNetwork timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public Reply authorize(Card card, String amount, Merchant merchant, String channel) {
        return send(authorization(UUID.randomUUID().toString(), card, amount, "EUR", merchant, channel));
    }

    public Map<String, Object> authorization(String id, Card card, String amount, String currency, Merchant merchant, String channel) {
        var body = message(id, "AUTHORIZATION");
        body.put("pan", card.pan());
        body.put("expMonth", card.expMonth());
        body.put("expYear", card.expYear());
        if (card.cvc() != null) {
            body.put("cvc", card.cvc());
        }
        body.put("amount", money(amount, currency));
        body.put("merchant", Map.of("name", merchant.name(), "mcc", merchant.mcc(), "country", merchant.country()));
        body.put("channel", channel);
        return body;
    }

    public Reply incremental(String authorizationId, String amount) {
        return send(follow("INCREMENTAL", authorizationId, amount));
    }

    public Reply clearing(String authorizationId, String amount) {
        return send(follow("CLEARING", authorizationId, amount));
    }

    /** A full reversal when {@code amount} is null, else a partial one. */
    public Reply reversal(String authorizationId, String amount) {
        return send(follow("REVERSAL", authorizationId, amount));
    }

    /** The reversal a network sends after a timeout: it names the original message, as it never got an answer. */
    public Reply reversalOfMessage(String originalMessageId) {
        var body = message(UUID.randomUUID().toString(), "REVERSAL");
        body.put("originalId", originalMessageId);
        return send(body);
    }

    public Reply refund(String authorizationId, String amount) {
        return send(follow("REFUND", authorizationId, amount));
    }

    private Map<String, Object> follow(String type, String authorizationId, String amount) {
        var body = message(UUID.randomUUID().toString(), type);
        body.put("authorizationId", authorizationId);
        if (amount != null) {
            body.put("amount", money(amount, "EUR"));
        }
        return body;
    }

    private static Map<String, Object> message(String id, String type) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("type", type);
        return body;
    }

    private static Map<String, Object> money(String amount, String currency) {
        return Map.of("amount", amount, "currency", currency);
    }

    /** Signs and sends a message (the same map again is a duplicate: same id). */
    public Reply send(Map<String, Object> body) {
        var json = Json.write(body);
        var timestamp = System.currentTimeMillis() / 1000;
        return sendRaw(json, Long.toString(timestamp), sign(secret, timestamp, json.getBytes(StandardCharsets.UTF_8)),
                String.valueOf(body.get("id")));
    }

    /** Sends exactly these bytes and headers (null leaves a header out): for tampered, stale and unsigned messages. */
    public Reply sendRaw(String json, String timestamp, String signature, String messageId) {
        var request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json");
        if (timestamp != null) {
            request.header("Piaf-Network-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("Piaf-Network-Signature", signature);
        }
        try {
            var response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var text = response.body();
            return new Reply(response.statusCode(), "true".equals(Json.field(text, "approved")), Json.field(text, "authorizationId"),
                    Json.field(text, "reason"), text, messageId);
        } catch (HttpTimeoutException e) {
            return new Reply(0, false, null, "timeout", "", messageId);
        } catch (IOException e) {
            throw new IllegalStateException("The issuer at " + endpoint + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String sign(byte[] secret, long timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
