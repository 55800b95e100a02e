package io.piaf.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;
import io.piaf.testing.OpenApiDocument;
import io.piaf.testing.PiafTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes every operation of the public API, as OpenAPI describes it, with hostile input: broken and oversized JSON,
 * wrong types, absurd amounts, odd Unicode and right-to-left handles, SQL metacharacters, values just past the limits
 * the description states (maxLength, maximum, maxItems, enum), and tokens that are unsigned, expired or signed by
 * someone else. Every answer must be a 4xx problem+json (or a success, for input that
 * happens to be valid), never a 5xx; and a refused request writes nothing.
 *
 * <p>The seed and the number of requests come from {@code -Dfuzz.seed} and {@code -Dfuzz.requests} (bench/fuzz/run
 * runs the long version); a failure prints the seed to replay it.
 */
@PiafTest
class BadInputFuzzTests {

    private static final JsonMapper JSON = new JsonMapper();

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @org.springframework.boot.test.web.server.LocalServerPort int port;

    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private Api.User user;
    private Api.User merchant;
    private String vaultId;
    private String postId;
    private String requestId;
    private String unlockableId;
    private Tokens tokens;
    private String cardId;
    private NetworkMessages network;
    private final Map<String, Integer> statuses = new TreeMap<>();

    record Operation(HttpMethod method, String path, JsonNode operation, JsonNode bodySchema) {
    }

    record Sent(String description, int status, String contentType, String body, String retryAfter) {
    }

    @BeforeEach
    void setUp() throws Exception {
        user = api.signUp("fuzzer");
        api.setPin(user, "1357");
        tokens = new Tokens(db, user.id());
        merchant = new io.piaf.testing.Commerce(api).merchant("Fuzzshop").token();
        // A card of the fuzzer's own, so that card operations meet a real card and signed network messages a real PAN.
        var cards = new io.piaf.testing.Cards(api, port);
        cardId = (String) cards.issue(user, "VIRTUAL").get("id");
        var revealed = api.post(user, "/api/cards/" + cardId + "/reveal", Map.of("pin", "1357")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        network = new NetworkMessages(java.nio.file.Files.readString(io.piaf.testing.Cards.SECRETS.resolve("cards-network-secret")).strip()
                .getBytes(StandardCharsets.UTF_8), (String) revealed.get("number"), (Integer) revealed.get("expMonth"),
                (Integer) revealed.get("expYear"));
        // a vault of the fuzzer's own, so that savings operations are also fuzzed past "vault not found"
        vaultId = (String) api.post(user, "/api/savings/vaults", Map.of("name", "Fuzz")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        // a budget and someone else's post, so that flattrs are fuzzed past "no budget" and "post not found"
        new io.piaf.testing.Wallets(api).topUp(user, "20.00");
        api.put(user, "/api/budget", Map.of("monthly", Map.of("amount", "5.00", "currency", "EUR"))).exchange().expectStatus().isOk();
        // one other user for all of them: the throttled context allows three sign-ups per address (fuzzer, merchant, other)
        var other = api.signUp("other");
        postId = (String) new io.piaf.testing.Social(api).post(other, "Fuzz me").get("id");
        // a money request that asks the fuzzer, so that pay, decline and the reads meet a real one
        requestId = (String) api.post(other, "/api/requests", Map.of("from", List.of(user.handle()),
                        "amount", Map.of("amount", "1.00", "currency", "EUR"))).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        // someone else's unlockable item, so that unlocking, stats and content links meet a real item
        unlockableId = (String) api.post(other, "/api/unlockables", Map.of("title", "Fuzz", "teaser", "t", "content", Map.of("text", "x"),
                        "postTemplate", "{link} #fuzz", "requiredText", List.of("#fuzz")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    /** Merchant operations take a merchant's token (a user's only meets the 403); reading a session, either. */
    private String bearerFor(Operation op) {
        var path = op.path();
        var merchantPath = path.startsWith("/api/refunds") || path.startsWith("/api/webhook-endpoints") || path.startsWith("/api/payouts")
                || (path.startsWith("/api/checkout/sessions") && !path.endsWith("/pay") && (op.method() != HttpMethod.GET || random.nextBoolean()));
        return merchantPath ? merchant.bearer() : user.bearer();
    }

    @Test
    void no_hostile_request_gets_a_5xx_and_a_refused_one_writes_nothing() {
        var spec = OpenApiDocument.read(api);
        var operations = operations(spec);
        assertThat(operations).as("operations found in the OpenAPI description").hasSizeGreaterThan(5);
        int budget = budget();
        var failures = new ArrayList<String>();
        var rows = new TableRows(db);
        var before = rows.quiescentSnapshot();
        int sent = 0;

        for (int round = 0; sent < budget; round++) {
            for (var op : operations) {
                for (var request : requestsFor(op, round)) {
                    var result = request.send();
                    sent++;
                    statuses.merge(result.status() == 429 ? "429" : result.status() / 100 + "xx", 1, Integer::sum);
                    if (result.status() >= 500) {
                        failures.add(result.status() + " for " + result.description() + " -> " + abbreviate(result.body()));
                    } else if (result.status() >= 400 && (result.contentType() == null || !result.contentType().startsWith("application/problem+json"))) {
                        failures.add("not problem+json (" + result.contentType() + ") for " + result.description());
                    } else if (result.status() >= 400 && !result.body().contains("\"code\"")) {
                        failures.add("problem without a code for " + result.description());
                    } else if (result.status() == 429 && (result.retryAfter() == null || !result.retryAfter().matches("[1-9][0-9]*"))) {
                        failures.add("429 without a Retry-After for " + result.description());
                    }
                    if (result.status() < 400) {
                        before = rows.quiescentSnapshot(); // a valid request may write; start counting again
                    } else if (sent % 25 == 0) {
                        var now = rows.quiescentSnapshot();
                        if (!now.equals(before)) {
                            failures.add("rows changed after refused requests up to " + result.description() + ": " + TableRows.diff(before, now));
                            before = now;
                        }
                    }
                    if (sent >= budget) {
                        break;
                    }
                }
            }
            if (round > 1000) {
                break;
            }
        }
        var after = rows.quiescentSnapshot();
        if (!after.equals(before)) {
            failures.add("rows changed after the last refused requests: " + TableRows.diff(before, after));
        }
        System.out.printf("FUZZ seed=%d operations=%d requests=%d statuses=%s failures=%d%n", seed, operations.size(), sent, statuses, failures.size());
        assertThat(failures).as("seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")").isEmpty();
        checkStatuses(statuses);
    }

    /** How many hostile requests to send. */
    int budget() {
        return Integer.getInteger("fuzz.requests", 1000);
    }

    /** What the mix of answers must show (the throttled variant expects refusals for rate). */
    void checkStatuses(Map<String, Integer> statuses) {
    }

    private List<Operation> operations(JsonNode spec) {
        var found = new ArrayList<Operation>();
        var paths = spec.get("paths");
        for (Iterator<String> it = paths.propertyNames().iterator(); it.hasNext();) {
            var path = it.next();
            if (path.startsWith("/api/test/")) {
                continue;
            }
            var item = paths.get(path);
            for (var method : List.of("get", "post", "put", "patch", "delete")) {
                var operation = item.get(method);
                if (operation == null || path.endsWith("/stream")) {
                    continue;
                }
                JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
                found.add(new Operation(HttpMethod.valueOf(method.toUpperCase()), path, operation, resolve(spec, schema)));
            }
        }
        return found;
    }

    /** Requests for one operation in one round: hostile path and query values, bodies, and tokens. */
    private List<Request> requestsFor(Operation op, int round) {
        var requests = new ArrayList<Request>();
        var path = fillPath(op.path(), round == 0 ? null : Mutations.pick(random, Mutations.STRINGS));
        // Half the time a card operation names the fuzzer's real card (not reveal: its refused tries are audited rows
        // and lock the PIN, which CardIssuingTests covers).
        if (op.path().startsWith("/api/cards/{id}") && !op.path().endsWith("/reveal") && random.nextBoolean()) {
            path = op.path().replace("{id}", cardId);
        }
        if (op.path().startsWith("/api/unlockables/{id}") && random.nextBoolean()) {
            path = op.path().replace("{id}", unlockableId);
        }
        var query = hostileQuery(op);
        var bearer = bearerFor(op);
        if (op.bodySchema() == null || op.bodySchema().isMissingNode()) {
            requests.add(new Request(op.method(), path + query, null, MediaType.APPLICATION_JSON, bearer));
        } else {
            for (var body : hostileBodies(op.bodySchema())) {
                requests.add(new Request(op.method(), path, body, MediaType.APPLICATION_JSON, bearer));
            }
            if (round == 0) {
                requests.add(new Request(op.method(), path, "handle=x&amount=1", MediaType.APPLICATION_FORM_URLENCODED, bearer));
                requests.add(new Request(op.method(), path, "{}", MediaType.TEXT_XML, bearer));
            }
        }
        if (op.path().equals("/api/unlockables/files")) {
            requests.addAll(hostileUploads(path + query, bearer, round));
        }
        if (op.path().startsWith("/network/")) {
            for (var signed : network.hostile(random)) {
                requests.add(new Request(op.method(), op.path(), signed.getKey(), MediaType.APPLICATION_JSON, null, signed.getValue()));
            }
        }
        if (round == 0 && op.path().startsWith("/api/") && !op.path().startsWith("/api/auth/")) {
            for (var token : tokens.hostile()) {
                requests.add(new Request(op.method(), fillPath(op.path(), null), "{}", MediaType.APPLICATION_JSON, "Bearer " + token));
            }
        }
        return requests;
    }

    /** Content files: too big, empty, of a type not allowed, bytes that lie about their type, odd types and names. */
    private List<Request> hostileUploads(String uri, String bearer, int round) {
        var pdf = "%PDF-1.4\n%fuzz".getBytes(StandardCharsets.US_ASCII);
        var uploads = new ArrayList<Request>();
        var name = "?name=" + URLEncoder.encode(Mutations.pick(random, Mutations.STRINGS), StandardCharsets.UTF_8);
        var path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        if (round == 0) {
            uploads.add(new Request(HttpMethod.POST, path, new byte[100 * 1024 + 1], MediaType.APPLICATION_PDF, bearer));
        }
        uploads.add(new Request(HttpMethod.POST, path + name, new byte[0], MediaType.APPLICATION_PDF, bearer));
        uploads.add(new Request(HttpMethod.POST, path + name, "<html><script>alert(1)</script>".getBytes(), MediaType.TEXT_HTML, bearer));
        uploads.add(new Request(HttpMethod.POST, path + name, pdf, MediaType.IMAGE_PNG, bearer));
        uploads.add(new Request(HttpMethod.POST, path + name, new byte[] { 'a', 0, (byte) 0xC3, 0x28 }, MediaType.TEXT_PLAIN, bearer));
        uploads.add(new Request(HttpMethod.POST, path + name, pdf, MediaType.APPLICATION_OCTET_STREAM, bearer));
        uploads.add(new Request(HttpMethod.POST, path + "?name=" + "a".repeat(300), pdf, MediaType.APPLICATION_PDF, bearer));
        for (var type : List.of("image/svg+xml", "application/x-msdownload", "*/*", "application/PDF;name=\"x\"", "image/png;charset=utf-8")) {
            uploads.add(new Request(HttpMethod.POST, path + name, pdf, null, bearer, Map.of("Content-Type", type)));
        }
        return uploads;
    }

    private String fillPath(String template, String hostile) {
        var result = template;
        while (result.contains("{")) {
            var start = result.indexOf('{');
            var end = result.indexOf('}', start);
            var name = result.substring(start + 1, end);
            String value;
            if (hostile != null) {
                value = hostile;
            } else if (template.startsWith("/api/posts/{id}/flattr")) {
                value = Mutations.pick(random, List.of(postId, java.util.UUID.randomUUID().toString(), "not-a-uuid"));
            } else if (template.startsWith("/api/savings/vaults/") && name.equals("id")) {
                value = Mutations.pick(random, List.of(vaultId, vaultId, java.util.UUID.randomUUID().toString(), "not-a-uuid"));
            } else if (template.startsWith("/api/requests/") && name.equals("id")) {
                value = Mutations.pick(random, List.of(requestId, requestId, java.util.UUID.randomUUID().toString(), "not-a-uuid"));
            } else if (name.equals("month")) {
                value = Mutations.pick(random, List.of("2026-11", "2026-13", "1999-12", "3000-01", "11-2026", "now"));
            } else if (name.toLowerCase().contains("handle")) {
                value = Mutations.pick(random, List.of(user.handle(), "acf", "ghost_" + random.nextInt(1000), "ALICE"));
            } else {
                value = Mutations.pick(random, List.of(java.util.UUID.randomUUID().toString(), "not-a-uuid", "0", "-1"));
            }
            result = result.substring(0, start) + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") + result.substring(end + 1);
        }
        return result;
    }

    private String hostileQuery(Operation op) {
        var params = op.operation().path("parameters");
        var parts = new ArrayList<String>();
        for (var param : params) {
            if ("query".equals(param.path("in").asString())) {
                var beyond = beyondLimit(param.path("schema"));
                var value = Mutations.pick(random, List.of("-1", "0", "1e309", "NaN", "99999999999999999999", "abc",
                        "%%%", "AAAA", java.util.Base64.getEncoder().encodeToString("1|2|3".getBytes()), "1",
                        beyond.isString() ? beyond.asString() : beyond.toString()));
                parts.add(param.path("name").asString() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** A plausible body from the schema, then one field at a time replaced by something hostile; broken JSON too. */
    private List<String> hostileBodies(JsonNode schema) {
        var bodies = new ArrayList<String>();
        var template = sample(schema, 0);
        if (template instanceof ObjectNode object && object.size() > 0) {
            var names = new ArrayList<String>();
            object.propertyNames().forEach(names::add);
            var field = Mutations.pick(random, names);
            var copy = object.deepCopy();
            var kind = random.nextInt(5);
            switch (kind) {
                case 0 -> copy.put(field, Mutations.pick(random, Mutations.STRINGS));
                case 1 -> copy.set(field, JSON.readTree(Mutations.pick(random, Mutations.JSON_VALUES)));
                case 2 -> copy.set(field, JSON.createObjectNode().put("amount", Mutations.pick(random, Mutations.AMOUNTS)).put("currency",
                        Mutations.pick(random, List.of("EUR", "eur", "USD", "", "EURO"))));
                case 3 -> copy.set(field, beyondLimit(schema.path("properties").path(field)));
                default -> copy.put(field, Mutations.pick(random, Mutations.AMOUNTS));
            }
            bodies.add(copy.toString());
            var without = object.deepCopy();
            without.remove(field);
            bodies.add(without.toString());
        }
        bodies.add(Mutations.pick(random, Mutations.brokenBodies()));
        bodies.add(Mutations.pick(random, Mutations.JSON_VALUES));
        return bodies;
    }

    /** A value just past what the description allows: one character, one unit or one item too many, or not in the enum. */
    private JsonNode beyondLimit(JsonNode schema) {
        var nodes = JSON.getNodeFactory();
        if (schema.has("maxLength")) {
            return nodes.stringNode("a".repeat(schema.get("maxLength").asInt() + 1));
        }
        if (schema.has("maximum")) {
            return nodes.numberNode(schema.get("maximum").decimalValue().add(java.math.BigDecimal.ONE));
        }
        if (schema.has("minimum")) {
            return nodes.numberNode(schema.get("minimum").decimalValue().subtract(java.math.BigDecimal.ONE));
        }
        if (schema.has("maxItems")) {
            var array = JSON.createArrayNode();
            for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                array.add(sample(schema.path("items"), 1));
            }
            return array;
        }
        if (schema.has("enum")) {
            return nodes.stringNode("NOT_" + schema.get("enum").get(0).asString());
        }
        return nodes.stringNode(Mutations.pick(random, Mutations.STRINGS));
    }

    private JsonNode sample(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 4) {
            return JSON.nullNode();
        }
        var type = schema.path("type").asString("object");
        return switch (type) {
            case "string" -> JSON.getNodeFactory().stringNode(schema.path("enum").isArray() ? schema.path("enum").get(0).asString() : "x");
            case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode().add(sample(schema.path("items"), depth + 1));
            default -> {
                var object = JSON.createObjectNode();
                var properties = schema.path("properties");
                for (var name : properties.propertyNames()) {
                    object.set(name, sample(properties.get(name), depth + 1));
                }
                yield object;
            }
        };
    }

    private static JsonNode resolve(JsonNode spec, JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return schema;
        }
        if (schema.has("$ref")) {
            var ref = schema.get("$ref").asString().replace("#/components/schemas/", "");
            return resolveAll(spec, spec.path("components").path("schemas").path(ref), 0);
        }
        return resolveAll(spec, schema, 0);
    }

    private static JsonNode resolveAll(JsonNode spec, JsonNode schema, int depth) {
        if (depth > 5 || !schema.isObject()) {
            return schema;
        }
        var copy = (ObjectNode) schema.deepCopy();
        var properties = copy.path("properties");
        if (properties instanceof ObjectNode props) {
            for (var name : new ArrayList<>(props.propertyNames())) {
                var child = props.get(name);
                if (child.has("$ref")) {
                    var ref = child.get("$ref").asString().replace("#/components/schemas/", "");
                    props.set(name, resolveAll(spec, spec.path("components").path("schemas").path(ref), depth + 1));
                }
            }
        }
        return copy;
    }

    private final class Request {
        final HttpMethod method;
        final String uri;
        final Object body;
        final MediaType contentType;
        final String authorization;
        final Map<String, String> headers;

        Request(HttpMethod method, String uri, Object body, MediaType contentType, String authorization) {
            this(method, uri, body, contentType, authorization, Map.of());
        }

        Request(HttpMethod method, String uri, Object body, MediaType contentType, String authorization, Map<String, String> headers) {
            this.method = method;
            this.uri = uri;
            this.body = body;
            this.contentType = contentType;
            this.authorization = authorization;
            this.headers = headers;
        }

        Sent send() {
            var spec = api.http().mutate().responseTimeout(Duration.ofSeconds(20)).build()
                    .method(method).uri(java.net.URI.create("http://localhost:" + port + uri))
                    .headers(h -> {
                        if (authorization != null) {
                            h.set("Authorization", authorization);
                        }
                        headers.forEach(h::set);
                    })
                    .header("Idempotency-Key", "fuzz-" + random.nextInt(50));
            WebTestClient.RequestHeadersSpec<?> ready = body == null ? spec
                    : contentType == null ? spec.bodyValue(body) : spec.contentType(contentType).bodyValue(body);
            var result = ready.exchange().expectBody(String.class).returnResult();
            var shown = body instanceof byte[] bytes ? headers.getOrDefault("Content-Type", String.valueOf(contentType)) + " " + bytes.length + " bytes"
                    : (String) body;
            var description = method + " " + uri + (body == null ? "" : " " + abbreviate(shown)) + " [" + abbreviate(authorization) + "]";
            var type = result.getResponseHeaders().getContentType();
            return new Sent(description, result.getStatus().value(), type == null ? null : type.toString(),
                    result.getResponseBody() == null ? "" : result.getResponseBody(), result.getResponseHeaders().getFirst("Retry-After"));
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
    }

    /** Row counts of every Piaf table but the outbox's, once the relay has nothing left to deliver. */
    static final class TableRows {
        private final DatabaseClient db;

        TableRows(DatabaseClient db) {
            this.db = db;
        }

        Map<String, Long> quiescentSnapshot() {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> db.sql("select count(*) from outbox.delivery where last_error is null and listener not like 'outbox.test.%' and listener not like 'bench.%'").map(r -> r.get(0, Long.class)).one().block() == 0);
            var tables = db.sql("""
                    select table_schema || '.' || table_name from information_schema.tables
                    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'outbox', 'public', 'outbox_test')
                    and table_name <> 'flyway_schema_history' order by 1""").map(r -> r.get(0, String.class)).all().collectList().block();
            var counts = new LinkedHashMap<String, Long>();
            for (var table : tables) {
                counts.put(table, db.sql("select count(*) from " + table).map(r -> r.get(0, Long.class)).one().block());
            }
            return counts;
        }

        static String diff(Map<String, Long> before, Map<String, Long> after) {
            var changes = new ArrayList<String>();
            after.forEach((table, count) -> {
                if (!count.equals(before.get(table))) {
                    changes.add(table + " " + before.get(table) + "->" + count);
                }
            });
            return String.join(", ", changes);
        }
    }
}
