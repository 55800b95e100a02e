package io.piaf.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds every answer the tests get to the OpenAPI description the app serves: a documented status, a documented
 * media type, a body that its schema accepts — with no member the schema does not name, and for a problem, one of
 * the codes listed for that operation and status. {@link Api} runs it on every response a test reads, so the whole
 * suite keeps docs/openapi.json (and the web app's types generated from it) true.
 */
public final class OpenApiContract {

    private static final JsonMapper JSON = new JsonMapper();
    private static final Map<String, OpenApiContract> BY_ORIGIN = new ConcurrentHashMap<>();
    /** Which application answers at an origin, as {@link Api} describes it; the same one serves the same description. */
    private static final Map<String, String> APPLICATION_BY_ORIGIN = new ConcurrentHashMap<>();
    private static final Map<String, OpenApiContract> BY_APPLICATION = new ConcurrentHashMap<>();
    /** Answers of the HTTP layer that no operation describes: any path may get them. */
    private static final Set<Integer> GENERIC_STATUSES = Set.of(405, 406);

    private record Operation(String method, String template, Pattern path, int variables, JsonNode node) {
    }

    private final List<Operation> operations = new ArrayList<>();
    private final ObjectNode definitions;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode spec) {
        for (var path : spec.get("paths").propertyNames()) {
            var regex = "^" + Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$";
            var variables = (int) path.chars().filter(c -> c == '{').count();
            var item = spec.get("paths").get(path);
            for (var method : item.propertyNames()) {
                operations.add(new Operation(method.toUpperCase(), path, Pattern.compile(regex), variables, item.get(method)));
            }
        }
        operations.sort(Comparator.comparingInt(Operation::variables));
        definitions = (ObjectNode) strict(JSON.readTree(refs(spec.path("components").path("schemas").toString())));
    }

    /** Says that {@code application} (profiles and controllers, see {@link Api}) now answers at {@code origin}. */
    static void served(String origin, String application) {
        APPLICATION_BY_ORIGIN.put(origin, application);
        BY_ORIGIN.remove(origin); // a port used again by another context
    }

    /**
     * The contract of the app at {@code origin} (e.g. {@code http://localhost:41234}), read once, and once for all the
     * origins where the same application answers.
     */
    public static OpenApiContract of(String origin) {
        return BY_ORIGIN.computeIfAbsent(origin, o -> {
            var application = APPLICATION_BY_ORIGIN.get(o);
            return application == null ? read(o) : BY_APPLICATION.computeIfAbsent(application, a -> read(o));
        });
    }

    private static OpenApiContract read(String origin) {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(origin + "/v3/api-docs")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return parse(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI description at " + origin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static OpenApiContract parse(String description) {
        return new OpenApiContract(JSON.readTree(description));
    }

    /** Fails the test that read an answer the description does not allow. */
    public static void check(EntityExchangeResult<?> result) {
        var url = result.getUrl();
        var origin = url.getScheme() + "://" + url.getAuthority();
        var type = result.getResponseHeaders().getContentType();
        var violations = of(origin).violations(result.getMethod().name(), url.getRawPath(), result.getStatus().value(),
                type == null ? null : type.getType() + "/" + type.getSubtype(), result.getResponseBodyContent());
        if (!violations.isEmpty()) {
            throw new AssertionError("The answer to " + result.getMethod() + " " + url + " (" + result.getStatus().value()
                    + ") breaks the OpenAPI description:\n  " + String.join("\n  ", violations)
                    + "\nbody: " + abbreviate(result.getResponseBodyContent()));
        }
    }

    /** What is wrong with this answer; nothing for a path no operation describes. */
    public List<String> violations(String method, String rawPath, int status, String mediaType, byte[] body) {
        var operation = operations.stream().filter(o -> o.method().equals(method) && o.path().matcher(rawPath).matches()).findFirst();
        if (operation.isEmpty() || GENERIC_STATUSES.contains(status)) {
            return List.of();
        }
        var where = method + " " + operation.get().template();
        var response = operation.get().node().path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(where + " does not document status " + status);
        }
        var content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.length == 0 ? List.of() : List.of(where + " " + status + " documents no body but one came");
        }
        if ("text/event-stream".equals(mediaType)) {
            return List.of();
        }
        var documented = content.path(mediaType == null ? "" : mediaType);
        if (documented.isMissingNode()) {
            return List.of(where + " " + status + " does not document " + mediaType + " (only " + content.propertyNames() + ")");
        }
        var schema = schemas.computeIfAbsent(where + " " + status + " " + mediaType, key -> compile(documented.path("schema")));
        var bytes = body == null ? new byte[0] : body;
        // A text body (a CSV statement) is held to its string schema: its pattern and length.
        var json = mediaType != null && (mediaType.equals("application/json") || mediaType.endsWith("+json"));
        var errors = schema.validate(json ? JSON.readTree(bytes)
                : JSON.getNodeFactory().stringNode(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        return errors.stream().map(e -> where + " " + status + ": " + e.getMessage()).toList();
    }

    private Schema compile(JsonNode schema) {
        var root = (ObjectNode) JSON.readTree(refs(schema.toString()));
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.set("$defs", definitions);
        return registry.getSchema(root);
    }

    private static String refs(String json) {
        return json.replace("\"#/components/schemas/", "\"#/$defs/");
    }

    /** Every object schema that lists its properties allows no others: an undocumented member is a violation. */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(entry -> strict(entry.getValue()));
            if (object.has("properties") && !object.has("additionalProperties") && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::strict);
        }
        return node;
    }

    private static String abbreviate(byte[] body) {
        var text = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
