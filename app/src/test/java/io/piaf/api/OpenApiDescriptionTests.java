package io.piaf.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import io.piaf.testing.Api;
import io.piaf.testing.OpenApiDocument;
import io.piaf.testing.PiafTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description the app serves: committed as docs/openapi.json (the web app's types are generated from
 * it, so a fresh clone builds without a server), linted with Spectral and the OWASP API Security ruleset
 * (app/openapi-lint/.spectral.yaml: any warning fails), and true about which operations need a token.
 */
@PiafTest
class OpenApiDescriptionTests {

    static final Path SNAPSHOT = Path.of("..", "docs", "openapi.json");
    static final Path SERVED = Path.of("target", "openapi.json");
    static final Path LINT = Path.of("openapi-lint");
    static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Autowired Api api;

    @Test
    void the_committed_snapshot_is_the_description_the_app_serves() throws IOException {
        var served = served();
        var committed = Files.exists(SNAPSHOT) ? Files.readString(SNAPSHOT) : "";
        if (!served.equals(committed)) {
            Files.writeString(SNAPSHOT, served);
        }
        assertThat(committed).as("docs/openapi.json was not the description the app serves; it has been rewritten from "
                + "the app: review `git diff docs/openapi.json`, commit it, and build web again (its types come from it)")
                .isEqualTo(served);
    }

    @Test
    void spectral_with_the_owasp_api_security_ruleset_finds_nothing() throws Exception {
        served();
        var cli = LINT.resolve(Path.of("node_modules", "@stoplight", "spectral-cli", "dist", "index.js"));
        assertThat(cli).as("Spectral, installed by the build (npm ci in app/openapi-lint)").exists();
        var command = List.of(System.getProperty("piaf.node", "node"), cli.toAbsolutePath().toString(), "lint",
                SERVED.toAbsolutePath().toString(), "--ruleset", ".spectral.yaml", "--fail-severity", "warn", "--format", "text");
        var builder = new ProcessBuilder(command).directory(LINT.toFile()).redirectErrorStream(true);
        builder.environment().put("SCARF_ANALYTICS", "false");
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("Spectral ends").isTrue();
        System.out.println("Spectral: " + output.strip());
        assertThat(process.exitValue()).as("Spectral's findings (app/openapi-lint/.spectral.yaml):%n%s", output).isZero();
    }

    @Test
    void an_operation_needs_a_token_exactly_when_the_description_says_so() {
        var spec = OpenApiDocument.read(api);
        var wrong = new ArrayList<String>();
        for (var path : spec.get("paths").propertyNames()) {
            var item = spec.get("paths").get(path);
            for (var method : item.propertyNames()) {
                var operation = item.get(method);
                var secured = !operation.has("security") || !operation.get("security").isEmpty();
                // {month} takes a month; any other path variable (a pot's {ref}, a {pledgeId}) an id
                var uri = path.replace("{handle}", "acf").replace("{month}", "2026-01").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                var request = api.http().method(HttpMethod.valueOf(method.toUpperCase())).uri(uri);
                var answer = (operation.has("requestBody")
                        ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                        : request).exchange().returnResult(String.class);
                var refused = answer.getStatus().value() == 401
                        && answer.getResponseBody().blockFirst(java.time.Duration.ofSeconds(10)).contains("\"unauthenticated\"");
                if (secured != refused) {
                    wrong.add(method.toUpperCase() + " " + path + " answered " + answer.getStatus() + " without a token; described "
                            + (secured ? "as needing one" : "as open"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The description as served, pretty-printed as the snapshot is, and written to target/openapi.json. */
    private String served() throws IOException {
        JsonNode tree = OpenApiDocument.read(api);
        var text = PRETTY.writeValueAsString(tree) + "\n";
        Files.createDirectories(SERVED.getParent());
        Files.writeString(SERVED, text);
        return text;
    }
}
