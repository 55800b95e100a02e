package io.piaf.app;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

import io.piaf.common.ProblemResponse;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The error responses of each operation: those its controller declares with {@code @ProblemResponse}, and those
 * every operation of this kind may answer (ProblemHandling, the security chain, the codecs). Each response is
 * {@code application/problem+json} whose {@code code} is one of the codes listed, so that a client can switch on
 * them and a test can hold the server to them.
 */
final class OpenApiProblems implements OperationCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        var problems = new TreeMap<Integer, Codes>();
        for (var declared : handler.getMethod().getAnnotationsByType(ProblemResponse.class)) {
            problems.computeIfAbsent(declared.status(), s -> new Codes()).add(declared.description(), declared.codes());
        }
        problems.computeIfAbsent(400, s -> new Codes()).add("", "rejected_request");
        if (operation.getRequestBody() != null) {
            problems.get(400).add("", "malformed_request");
            // an operation that reads its body itself (a file upload) states its own limits and types
            if (!problems.containsKey(413)) {
                problems.put(413, new Codes().add("The body is over 64 KB.", "payload_too_large"));
            }
            if (!problems.containsKey(415)) {
                problems.put(415, new Codes().add("The body is not application/json.", "unsupported_media_type"));
            }
        }
        var parameters = operation.getParameters() == null ? List.<io.swagger.v3.oas.models.parameters.Parameter>of() : operation.getParameters();
        for (var parameter : parameters) {
            if ("query".equals(parameter.getIn()) && Set.of("limit", "cursor").contains(parameter.getName())) {
                problems.get(400).add("", "invalid_" + parameter.getName());
            }
            if (OpenApiConventions.isInteger(parameter.getSchema())) {
                problems.get(400).add("", "malformed_request"); // a parameter that is not a number
            }
        }
        if (secured(operation)) {
            problems.computeIfAbsent(401, s -> new Codes()).add("No valid bearer token.", "unauthenticated");
        }
        problems.computeIfAbsent(500, s -> new Codes()).add("A failure on Piaf's side; `reference` finds it in the logs.",
                "internal_error");
        var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        problems.forEach((status, codes) -> {
            var problem = response(status, codes);
            var declared = responses.get(Integer.toString(status));
            if (declared != null && declared.getContent() != null && !declared.getContent().containsKey(PROBLEM_JSON)) {
                // an answer of another media type at the same status (POST /oauth2/token's RFC 6749 errors): both are true
                declared.getContent().addMediaType(PROBLEM_JSON, problem.getContent().get(PROBLEM_JSON));
                declared.setDescription(declared.getDescription() + "; as problem+json: " + problem.getDescription());
            } else {
                responses.addApiResponse(Integer.toString(status), problem);
            }
        });
        // springdoc gives a 204 the body of the method's return type (e.g. ResponseEntity<X> that also answers 202).
        var noContent = responses.get("204");
        if (noContent != null) {
            noContent.setContent(null);
        }
        operation.setResponses(responses);
        return operation;
    }

    /** Without {@code @SecurityRequirements()} (none), an operation inherits the document's bearer token. */
    static boolean secured(Operation operation) {
        return operation.getSecurity() == null || !operation.getSecurity().isEmpty();
    }

    private static ApiResponse response(int status, Codes codes) {
        var reason = HttpStatus.valueOf(status).getReasonPhrase();
        var description = new StringBuilder(reason).append(": `").append(String.join("`, `", codes.codes)).append('`');
        codes.notes.forEach(note -> description.append(". ").append(note.endsWith(".") ? note.substring(0, note.length() - 1) : note));
        var codeSchema = OpenApiConventions.string(null).maxLength(null);
        codeSchema.setEnum(List.copyOf(codes.codes));
        var schema = new Schema<>().allOf(List.of(new Schema<>().$ref("#/components/schemas/" + OpenApiConventions.PROBLEM),
                OpenApiConventions.object().addProperty("code", codeSchema)));
        var response = new ApiResponse().description(description.toString())
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
        if (status == 401) {
            var bearer = OpenApiConventions.string(null).maxLength(null);
            bearer.setEnum(List.of("Bearer"));
            response.headers(Map.of("WWW-Authenticate", new Header().description("The scheme to authenticate with.").schema(bearer)));
        }
        if (status == 429) {
            response.headers(Map.of("Retry-After", new Header().description("Seconds to wait before trying again.")
                    .schema(OpenApiConventions.integer(0, 86_400))));
        }
        return response;
    }

    private static final class Codes {
        final Set<String> codes = new TreeSet<>();
        final Set<String> notes = new java.util.LinkedHashSet<>();

        Codes add(String note, String... more) {
            codes.addAll(List.of(more));
            if (note != null && !note.isBlank()) {
                notes.add(note);
            }
            return this;
        }
    }
}
