package io.piaf.app;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;

/**
 * What the description says the same way everywhere: the {@code Problem} schema of every error, and the length of a
 * value whose format fixes it (a UUID is 36 characters, a day 10, an instant as Piaf writes it at most 35), so that
 * controllers only name the format.
 */
final class OpenApiConventions implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";

    private static final Map<String, Integer> LENGTH_OF_FORMAT = Map.of("uuid", 36, "date-time", 35, "date", 10);

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(PROBLEM, problem());
        var seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<Object, Boolean>());
        walk(openApi, seen);
    }

    /** RFC 9457 problem details as ProblemHandling writes them, with the extra members some codes carry. */
    private static Schema<?> problem() {
        var schema = object().description("RFC 9457 problem details. `code` is stable: switch on it, not on `title` or `detail`.");
        schema.addProperty("type", string(100).pattern("^urn:piaf:problem:[a-z0-9_]+$")
                .description("`urn:piaf:problem:` followed by the code"));
        schema.addProperty("title", string(100).pattern("^[A-Za-z0-9 '-]+$").description("The HTTP status's reason phrase"));
        schema.addProperty("status", integer(400, 599).description("The HTTP status"));
        schema.addProperty("detail", string(1000).pattern("^[^\\u0000-\\u001f]*$").description("What happened, in English, for people"));
        schema.addProperty("instance", string(2048).pattern("^/").description("The path of the request"));
        schema.addProperty("code", string(64).pattern("^[a-z0-9_]+$"));
        schema.addProperty("attemptsLeft", integer(0, 10).description("invalid_pin: wrong PINs left before the PIN locks"));
        schema.addProperty("lockedUntil", string(null).format("date-time").description("pin_locked: when PIN checks resume"));
        schema.addProperty("paymentStatus", enumeration("PENDING_CONFIRMATION", "COMPLETED", "CANCELLED", "EXPIRED", "FAILED")
                .description("pin_locked, payment_not_pending, payment_expired: the payment's status now"));
        schema.addProperty("transactionStatus", enumeration("PENDING_CONFIRMATION", "PENDING", "SUBMITTED", "CONFIRMED", "FAILED",
                "CANCELLED", "EXPIRED").description("pin_locked, transfer_not_pending, transfer_expired: the crypto transfer's status now"));
        schema.addProperty("limit", string(16).pattern("^[0-9]+\\.[0-9]{2}$").description("limit_exceeded: the limit, in euros"));
        schema.addProperty("limitType", enumeration("per_payment_to_person", "per_payment_to_charity", "daily", "top_up", "daily_top_up")
                .description("limit_exceeded: which limit"));
        schema.addProperty("from", enumeration("wallet", "vault").description("insufficient_funds (savings): what holds too little"));
        schema.addProperty("maxOpenVaults", integer(0, 10_000).description("vault_limit_reached: the open vaults a user may have"));
        schema.addProperty("declineCode", string(64).pattern("^[a-z_]+$").description("card_declined: why the card was declined"));
        schema.addProperty("field", string(32).pattern("^[A-Za-z]+$").description("invalid_controls: the card control at fault"));
        schema.addProperty("maxLength", integer(0, 100_000).description("text_too_long, post_too_long, invalid_name (a vault's): the longest text allowed"));
        schema.addProperty("maxBytes", integer(1, 1_073_741_824).description("file_too_large: the largest file accepted, in bytes"));
        schema.addProperty("maxPrice", string(12).pattern("^[0-9]+\\.[0-9]{2}$").description("invalid_price: the highest price allowed, EUR"));
        schema.addProperty("length", integer(0, 100_000).description("text_too_long, post_too_long: the text's length"));
        schema.addProperty("missing", new Schema<>().types(Set.of("array")).items(string(2_000).pattern(io.piaf.common.ApiFormats.TEXT)).maxItems(11)
                .description("required_text_missing, required_text_not_in_template: the required fragments the text lacks"));
        var method = enumeration("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        schema.addProperty("allowed", new Schema<>().types(Set.of("array")).items(method).maxItems(7)
                .description("method_not_allowed: the methods the path answers"));
        schema.addProperty("retryAfter", integer(0, 86_400).description("rate_limited, too_many_unlocks, account_too_new: seconds to wait (Retry-After says it too on a 429)"));
        schema.addProperty("reference", string(64).pattern("^[A-Za-z0-9-]+$").description("internal_error: quote it to support"));
        schema.setRequired(List.of("type", "title", "status", "code"));
        return schema;
    }

    static Schema<Object> object() {
        return new Schema<>().types(Set.of("object"));
    }

    static Schema<Object> string(Integer maxLength) {
        return new Schema<>().types(Set.of("string")).maxLength(maxLength);
    }

    static Schema<Object> integer(int minimum, int maximum) {
        return new Schema<>().types(Set.of("integer")).format("int32")
                .minimum(java.math.BigDecimal.valueOf(minimum)).maximum(java.math.BigDecimal.valueOf(maximum));
    }

    static Schema<Object> enumeration(String... values) {
        var schema = string(null);
        schema.setEnum(List.of(values));
        return schema;
    }

    /** Every schema in the document: components, and those inside operations (parameters, bodies, responses). */
    private static void walk(OpenAPI openApi, Set<Object> seen) {
        if (openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> walk(schema, seen));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        for (var path : openApi.getPaths().values()) {
            for (var operation : path.readOperations()) {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> walk(parameter.getSchema(), seen));
                }
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> walk(media.getSchema(), seen));
                }
                if (operation.getResponses() != null) {
                    for (var response : operation.getResponses().values()) {
                        if (response.getContent() != null) {
                            response.getContent().values().forEach(media -> walk(media.getSchema(), seen));
                        }
                        if (response.getHeaders() != null) {
                            response.getHeaders().values().forEach(header -> walk(header.getSchema(), seen));
                        }
                    }
                }
            }
        }
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static void walk(Schema schema, Set<Object> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        fixLength(schema);
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).replaceAll((name, property) -> nullableRef(property));
            ((Map<String, Schema>) schema.getProperties()).values().forEach(property -> walk(property, seen));
        }
        walk(schema.getItems(), seen);
        for (var list : new List[] { schema.getAllOf(), schema.getAnyOf(), schema.getOneOf() }) {
            if (list != null) {
                ((List<Schema>) list).forEach(part -> walk(part, seen));
            }
        }
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            walk(additional, seen);
        }
    }

    /**
     * {@code @Schema(implementation = X.class, nullable = true)} on a member: swagger writes {@code "type":"null"} next
     * to the {@code $ref}, which would allow null only; it means X or null.
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema nullableRef(Schema property) {
        if (property.get$ref() == null || property.getTypes() == null || !property.getTypes().equals(Set.of("null"))) {
            return property;
        }
        return new Schema<>().anyOf(List.of(new Schema<>().$ref(property.get$ref()), new Schema<>().types(Set.of("null"))))
                .description(property.getDescription());
    }

    @SuppressWarnings("rawtypes")
    static boolean isInteger(Schema schema) {
        return schema != null && ("integer".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("integer")));
    }

    @SuppressWarnings("rawtypes")
    private static void fixLength(Schema schema) {
        var length = schema.getFormat() == null ? null : LENGTH_OF_FORMAT.get(schema.getFormat());
        var isString = "string".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("string"));
        if (length != null && isString && schema.getMaxLength() == null) {
            schema.setMaxLength(length);
        }
    }
}
