package io.piaf.app;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import io.piaf.common.ApiFormats;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;

/**
 * Parameters every operation names the same way mean the same thing, so they are described here once: a path's
 * {@code handle} and {@code id}, a list's {@code limit} and {@code cursor}, a money POST's {@code Idempotency-Key}.
 * A controller's own {@code @Parameter} description is kept.
 */
final class OpenApiParameters implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getParameters() == null) {
            return operation;
        }
        for (var parameter : operation.getParameters()) {
            var name = parameter.getName();
            switch (parameter.getIn() + " " + name) {
                case "path handle" -> describe(parameter, "A user's handle, with or without @, any case",
                        OpenApiConventions.string(ApiFormats.HANDLE_INPUT_MAX).pattern(ApiFormats.HANDLE_INPUT));
                case "path id" -> describe(parameter, null, OpenApiConventions.string(36).format("uuid"));
                case "query limit" -> describe(parameter, "Page size, 1 to " + ApiFormats.PAGE_MAX + " (default 20)",
                        OpenApiConventions.integer(1, ApiFormats.PAGE_MAX)._default(20));
                case "query cursor" -> describe(parameter, "The nextCursor of the previous page; absent for the first",
                        OpenApiConventions.string(ApiFormats.CURSOR_MAX).pattern(ApiFormats.CURSOR));
                case "header Idempotency-Key" -> describe(parameter,
                        "Makes a retry safe: the same key and request get the stored answer, not a second payment (kept 24 h)",
                        OpenApiConventions.string(255).minLength(1).pattern("^[\\x21-\\x7e]+$"));
                default -> {
                    // described by its controller
                }
            }
        }
        return operation;
    }

    private static void describe(Parameter parameter, String description, io.swagger.v3.oas.models.media.Schema<?> schema) {
        if (parameter.getDescription() == null && description != null) {
            parameter.setDescription(description);
        }
        parameter.setSchema(schema);
    }
}
