package io.piaf.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description a running Piaf serves at {@code /v3/api-docs}. */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    /** The description as served (bigger than the 64 KB the API's codecs buffer by default). */
    public static String text(Api api) {
        return api.http().mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    public static JsonNode read(Api api) {
        return new JsonMapper().readTree(text(api));
    }
}
