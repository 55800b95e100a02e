import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A sample merchant of Piaf, in one file and the JDK only (17 or later): {@code java examples/merchant/Merchant.java}.
 * A bakery page with a basket; "Pay with Piaf" opens a checkout session and sends the shopper to Piaf; the signed
 * webhook marks the order paid; a button refunds it. Configuration from the environment (see README "Sample merchant"):
 * PIAF_URL, PIAF_CLIENT_ID, PIAF_CLIENT_SECRET, PORT, and PIAF_WEBHOOK_SECRET (when absent, the sample registers its
 * own webhook endpoint at start and keeps that endpoint's secret in memory).
 */
public class Merchant {

    static final Map<String, Long> CATALOGUE = new LinkedHashMap<>(Map.of("Croissant", 120L, "Baguette", 110L, "Pain au chocolat", 140L));
    static final long TOLERANCE_SECONDS = 300;

    record Order(String id, String sessionId, String checkoutUrl, long totalCents, String status, long refundedCents) {
        Order with(String newStatus, long refunded) {
            return new Order(id, sessionId, checkoutUrl, totalCents, newStatus, refunded);
        }
    }

    final String piaf;
    final String self;
    final String clientId;
    final String clientSecret;
    final HttpClient http = HttpClient.newHttpClient();
    final Map<String, Order> orders = new ConcurrentHashMap<>();
    final Set<String> seenEvents = ConcurrentHashMap.newKeySet();
    volatile String webhookSecret;
    volatile String token;
    volatile long tokenExpiresAt;

    Merchant(String piaf, String self, String clientId, String clientSecret, String webhookSecret) {
        this.piaf = piaf;
        this.self = self;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.webhookSecret = webhookSecret;
    }

    public static void main(String[] args) throws Exception {
        var port = Integer.parseInt(env("PORT", "4242"));
        var merchant = new Merchant(env("PIAF_URL", "http://localhost:8080"), "http://localhost:" + port,
                required("PIAF_CLIENT_ID"), required("PIAF_CLIENT_SECRET"), System.getenv("PIAF_WEBHOOK_SECRET"));
        if (merchant.webhookSecret == null || merchant.webhookSecret.isBlank()) {
            merchant.registerWebhookEndpoint();
        }
        var server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", merchant::handle);
        server.start();
        System.out.println("Sample merchant on " + merchant.self + " (Piaf at " + merchant.piaf + ")");
    }

    // ---- Webhook signature: the part every merchant must get right (docs/api.md "Merchants", how to verify) ----

    /** True when {@code header} ({@code t=<unix seconds>,v1=<hex>}) signs {@code rawBody} with {@code secret}, and is recent. */
    static boolean verifySignature(String header, String rawBody, String secret, Instant now) {
        if (header == null || secret == null) {
            return false;
        }
        String t = null;
        var candidates = new ArrayList<String>();
        for (var part : header.split(",")) {
            var kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                candidates.add(kv[1]);
            }
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(t);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE_SECONDS) {
            return false; // too old (a replay) or from the future
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var expected = HexFormat.of().formatHex(mac.doFinal((t + "." + rawBody).getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
            var ok = false;
            for (var v1 : candidates) { // constant time: no early exit on the first differing byte
                ok |= MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
            }
            return ok;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- HTTP pages ----

    void handle(HttpExchange ex) throws IOException {
        try {
            var path = ex.getRequestURI().getPath();
            var post = ex.getRequestMethod().equals("POST");
            if (post && path.equals("/webhooks")) {
                webhook(ex);
            } else if (post && path.equals("/checkout")) {
                checkout(ex);
            } else if (post && path.startsWith("/orders/") && path.endsWith("/refund")) {
                refund(ex, path.substring("/orders/".length(), path.length() - "/refund".length()));
            } else if (path.equals("/orders.json")) {
                send(ex, 200, "application/json", ordersJson());
            } else if (path.startsWith("/orders/")) {
                orderPage(ex, path.substring("/orders/".length()));
            } else if (path.equals("/")) {
                send(ex, 200, "text/html", page("Boulangerie Piaf", shopForm()));
            } else {
                send(ex, 404, "text/plain", "not found");
            }
        } catch (Exception e) {
            e.printStackTrace();
            send(ex, 502, "text/plain", "Piaf call failed: " + e.getMessage());
        }
    }

    void webhook(HttpExchange ex) throws IOException {
        var raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8); // verify the bytes, before parsing
        if (!verifySignature(ex.getRequestHeaders().getFirst("Piaf-Signature"), raw, webhookSecret, Instant.now())) {
            System.out.println("webhook refused: bad or stale signature");
            send(ex, 400, "text/plain", "bad signature");
            return;
        }
        var event = Json.object(raw);
        if (seenEvents.add((String) event.get("id"))) { // delivery is at least once: deduplicate on the event id
            var object = Json.object(Json.object(event.get("data")).get("object"));
            var type = (String) event.get("type");
            var sessionId = type.startsWith("checkout.session") ? (String) object.get("id") : (String) object.get("sessionId");
            orders.replaceAll((id, o) -> !o.sessionId().equals(sessionId) ? o : switch (type) {
                case "checkout.session.completed" -> o.with("PAID", o.refundedCents());
                case "checkout.session.expired" -> o.with("EXPIRED", 0);
                case "refund.succeeded" -> {
                    var total = cents((String) Json.object(object.get("refundedInTotal")).get("amount"));
                    yield o.with(total >= o.totalCents() ? "REFUNDED" : "PAID", total);
                }
                default -> o;
            });
            System.out.println("webhook verified: " + type + " " + event.get("id"));
        }
        send(ex, 200, "text/plain", "ok");
    }

    void checkout(HttpExchange ex) throws Exception {
        var form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        var items = new ArrayList<String>();
        long total = 0;
        for (var product : CATALOGUE.entrySet()) {
            var quantity = Math.max(0, Math.min(100, parseInt(form.get(product.getKey()))));
            if (quantity > 0) {
                items.add("{\"name\":" + Json.quote(product.getKey()) + ",\"quantity\":" + quantity + ",\"unitAmount\":\"" + money(product.getValue()) + "\"}");
                total += quantity * product.getValue();
            }
        }
        if (items.isEmpty()) {
            redirect(ex, "/");
            return;
        }
        var orderId = "ord_" + UUID.randomUUID().toString().substring(0, 8);
        var body = "{\"lineItems\":[" + String.join(",", items) + "],\"reference\":\"" + orderId + "\",\"metadata\":{\"orderId\":\"" + orderId
                + "\"},\"successUrl\":\"" + self + "/orders/" + orderId + "\",\"cancelUrl\":\"" + self + "/\"}";
        // The order id is the idempotency key: a retry after a lost answer gets the same session, never a second one.
        var session = Json.object(call("/api/checkout/sessions", body, orderId, 201));
        orders.put(orderId, new Order(orderId, (String) session.get("id"), (String) session.get("url"), total, "PENDING", 0));
        redirect(ex, (String) session.get("url"));
    }

    void refund(HttpExchange ex, String orderId) throws Exception {
        var order = orders.get(orderId);
        if (order == null) {
            send(ex, 404, "text/plain", "no such order");
            return;
        }
        // An amount refunds part of the order, none all that is left. The status stays as it is until the refund.succeeded
        // webhook says so; the key names the order, what was refunded so far and the amount: a resubmitted form (a
        // double click, a retry) is the same refund, never a second one.
        var amount = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("amount");
        var part = amount == null || amount.isBlank() ? "" : ",\"amount\":" + Json.quote(amount.trim());
        call("/api/refunds", "{\"sessionId\":\"" + order.sessionId() + "\"" + part + ",\"reason\":\"refunded from the sample shop\"}",
                "refund-" + orderId + "-" + order.refundedCents() + "-" + (part.isEmpty() ? "rest" : amount.trim()), 201);
        redirect(ex, "/orders/" + orderId);
    }

    void orderPage(HttpExchange ex, String orderId) throws IOException {
        var o = orders.get(orderId);
        if (o == null) {
            send(ex, 404, "text/plain", "no such order");
            return;
        }
        var html = "<p>Order <b>" + esc(o.id()) + "</b>: " + money(o.totalCents()) + " EUR — <b id=status>" + esc(o.status()) + "</b>"
                + (o.refundedCents() > 0 ? " (refunded " + money(o.refundedCents()) + " EUR)" : "") + "</p>"
                + (o.status().equals("PENDING") ? "<p>Waiting for Piaf's webhook… <a href=''>refresh</a> · <a href='" + esc(o.checkoutUrl()) + "'>pay</a></p>" : "")
                + (o.status().equals("PAID") ? "<form method=post action='/orders/" + esc(o.id()) + "/refund'><label>Amount to refund (EUR) "
                        + "<input name=amount value='" + money(o.totalCents() - o.refundedCents()) + "'></label> <button>Refund</button></form>" : "")
                + "<p><a href='/'>Back to the shop</a></p>";
        send(ex, 200, "text/html", page("Order " + o.id(), html));
    }

    String shopForm() {
        var rows = new StringBuilder();
        for (var p : CATALOGUE.entrySet()) {
            rows.append("<tr><td>").append(esc(p.getKey())).append("</td><td>").append(money(p.getValue()))
                    .append(" EUR</td><td><input type=number min=0 max=100 value=0 name='").append(esc(p.getKey())).append("'></td></tr>");
        }
        var list = new StringBuilder();
        orders.values().forEach(o -> list.append("<li><a href='/orders/").append(esc(o.id())).append("'>").append(esc(o.id())).append("</a> ")
                .append(money(o.totalCents())).append(" EUR ").append(esc(o.status())).append("</li>"));
        return "<form method=post action=/checkout><table>" + rows + "</table><button>Pay with Piaf</button></form><h2>Orders</h2><ul>" + list + "</ul>";
    }

    String ordersJson() {
        var items = new ArrayList<String>();
        orders.values().forEach(o -> items.add("{\"id\":" + Json.quote(o.id()) + ",\"sessionId\":" + Json.quote(o.sessionId()) + ",\"status\":"
                + Json.quote(o.status()) + ",\"total\":\"" + money(o.totalCents()) + "\",\"refunded\":\"" + money(o.refundedCents()) + "\"}"));
        return "[" + String.join(",", items) + "]";
    }

    // ---- Piaf API calls ----

    void registerWebhookEndpoint() throws Exception {
        var body = "{\"url\":\"" + self + "/webhooks\",\"events\":[\"checkout.session.completed\",\"checkout.session.expired\",\"refund.succeeded\"]}";
        webhookSecret = (String) Json.object(call("/api/webhook-endpoints", body, null, 201)).get("secret");
        System.out.println("Registered webhook endpoint " + self + "/webhooks");
    }

    /** A merchant token by client credentials (RFC 6749 §4.4), kept until a minute before it expires. */
    synchronized String token() throws Exception {
        if (token == null || System.currentTimeMillis() > tokenExpiresAt) {
            var basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
            var request = HttpRequest.newBuilder(URI.create(piaf + "/oauth2/token")).header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("token: " + answer.statusCode() + " " + answer.body());
            }
            var body = Json.object(answer.body());
            token = (String) body.get("access_token");
            tokenExpiresAt = System.currentTimeMillis() + (((Number) body.get("expires_in")).longValue() - 60) * 1000;
        }
        return token;
    }

    String call(String path, String json, String idempotencyKey, int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(piaf + path)).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        var answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    // ---- small helpers ----

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String required(String name) {
        var value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is required (see README, \"Sample merchant\")");
            System.exit(2);
        }
        return value;
    }

    static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String money(long cents) {
        return cents / 100 + "." + String.format("%02d", cents % 100);
    }

    static long cents(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }

    static Map<String, String> form(String body) {
        var map = new LinkedHashMap<String, String>();
        for (var pair : body.split("&")) {
            var kv = pair.split("=", 2);
            if (kv.length == 2) {
                map.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    static String page(String title, String body) {
        return "<!doctype html><meta charset=utf-8><title>" + esc(title) + "</title><body style='font-family:sans-serif;max-width:40em;margin:2em auto'><h1>"
                + esc(title) + "</h1>" + body;
    }

    static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(303, -1);
        ex.close();
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** Just enough JSON for Piaf's answers and events (a real shop would use its JSON library). */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object value) {
            return value instanceof String text ? (Map<String, Object>) new Json(text).value() : (Map<String, Object>) value;
        }

        static String quote(String value) {
            var out = new StringBuilder("\"");
            for (var c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        private Object value() {
            skip();
            var c = s.charAt(i);
            if (c == '{') {
                var map = new LinkedHashMap<String, Object>();
                i++;
                for (skip(); s.charAt(i) != '}'; skip()) {
                    var key = (String) value();
                    skip();
                    i++; // ':'
                    map.put(key, value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                }
                i++;
                return map;
            }
            if (c == '[') {
                var list = new ArrayList<Object>();
                i++;
                for (skip(); s.charAt(i) != ']'; skip()) {
                    list.add(value());
                    skip();
                    if (s.charAt(i) == ',') {
                        i++;
                    }
                }
                i++;
                return list;
            }
            if (c == '"') {
                var out = new StringBuilder();
                for (i++; s.charAt(i) != '"'; i++) {
                    var ch = s.charAt(i);
                    if (ch == '\\') {
                        ch = s.charAt(++i);
                        switch (ch) {
                            case 'n' -> out.append('\n');
                            case 't' -> out.append('\t');
                            case 'r' -> out.append('\r');
                            case 'b' -> out.append('\b');
                            case 'f' -> out.append('\f');
                            case 'u' -> {
                                out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                            default -> out.append(ch);
                        }
                    } else {
                        out.append(ch);
                    }
                }
                i++;
                return out.toString();
            }
            var start = i;
            while (i < s.length() && "{}[],: \n\r\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            var word = s.substring(start, i);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> new java.math.BigDecimal(word);
            };
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
