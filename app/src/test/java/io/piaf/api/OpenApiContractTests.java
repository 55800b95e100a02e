package io.piaf.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.piaf.testing.OpenApiContract;

/** The checker that holds every test's answers to the description catches what it must (and only that). */
class OpenApiContractTests {

    static final String SPEC = """
            {"openapi":"3.1.0","paths":{
              "/api/things/{id}":{"get":{"responses":{
                "200":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                "204":{"description":"gone"},
                "404":{"content":{"application/problem+json":{"schema":{"allOf":[{"$ref":"#/components/schemas/Problem"},
                       {"type":"object","properties":{"code":{"type":"string","enum":["thing_not_found"]}}}]}}}}}}},
              "/api/things/mine":{"get":{"responses":{"200":{"content":{"application/json":{"schema":{"type":"array","maxItems":1,
                "items":{"$ref":"#/components/schemas/Thing"}}}}}}}}},
             "components":{"schemas":{
              "Thing":{"type":"object","properties":{"id":{"type":"string","format":"uuid"},"n":{"type":"integer","maximum":3}},"required":["id"]},
              "Problem":{"type":"object","properties":{"status":{"type":"integer"},"code":{"type":"string"}},"required":["status","code"]}}}}""";

    final OpenApiContract contract = OpenApiContract.parse(SPEC);

    @Test
    void an_answer_as_described_passes() {
        assertThat(check("GET", "/api/things/1", 200, "application/json", "{\"id\":\"6f1c1f44-1f62-4bb4-8a5e-3f6f5d1b7f10\",\"n\":2}")).isEmpty();
        assertThat(check("GET", "/api/things/1", 204, null, "")).isEmpty();
        assertThat(check("GET", "/api/things/1", 404, "application/problem+json", "{\"status\":404,\"code\":\"thing_not_found\"}")).isEmpty();
    }

    @Test
    void a_member_the_schema_does_not_name_a_wrong_type_or_format_or_a_missing_one_is_a_violation() {
        assertThat(check("GET", "/api/things/1", 200, "application/json", "{\"id\":\"6f1c1f44-1f62-4bb4-8a5e-3f6f5d1b7f10\",\"secret\":1}")).hasSize(1);
        assertThat(check("GET", "/api/things/1", 200, "application/json", "{\"id\":\"not-a-uuid\"}")).hasSize(1);
        assertThat(check("GET", "/api/things/1", 200, "application/json", "{\"n\":9}")).hasSize(2);
    }

    @Test
    void an_undocumented_status_media_type_or_problem_code_is_a_violation() {
        assertThat(check("GET", "/api/things/1", 409, "application/problem+json", "{\"status\":409,\"code\":\"x\"}")).hasSize(1);
        assertThat(check("GET", "/api/things/1", 200, "text/plain", "hello")).hasSize(1);
        assertThat(check("GET", "/api/things/1", 404, "application/problem+json", "{\"status\":404,\"code\":\"other\"}")).isNotEmpty();
        assertThat(check("GET", "/api/things/1", 204, "application/json", "{}")).hasSize(1);
    }

    @Test
    void a_literal_path_wins_over_a_template_and_unknown_paths_are_left_alone() {
        assertThat(check("GET", "/api/things/mine", 200, "application/json", "[]")).isEmpty();
        assertThat(check("GET", "/api/other", 500, "text/html", "<p>")).isEmpty();
        assertThat(check("GET", "/api/things/1", 405, "application/problem+json", "{}")).isEmpty();
    }

    private java.util.List<String> check(String method, String path, int status, String type, String body) {
        return contract.violations(method, path, status, type, body.getBytes(StandardCharsets.UTF_8));
    }
}
