package io.piaf.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

/** What an operator needs: health with the database, metrics, the module model, the outbox backlog, the API docs. */
@PiafTest
class OperabilityTests {

    @Autowired Api api;
    @Autowired org.springframework.r2dbc.core.DatabaseClient db;

    @Test
    void the_embedded_database_commits_durably() {
        for (var setting : new String[] { "fsync", "synchronous_commit", "full_page_writes" }) {
            var value = db.sql("select current_setting($1)").bind(0, setting).map(r -> r.get(0, String.class)).one().block();
            org.assertj.core.api.Assertions.assertThat(value).as(setting).isEqualTo("on");
        }
    }

    @Test
    void health_is_up_and_checks_the_database() {
        api.http().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP");
    }

    @Test
    void metrics_include_the_outbox_and_prometheus_scrapes_them() {
        api.http().get().uri("/actuator/metrics/piaf.outbox.deliveries.pending").exchange().expectStatus().isOk();
        api.http().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(text -> org.assertj.core.api.Assertions.assertThat(text)
                        .contains("piaf_outbox_deliveries_pending").contains("http_server_requests"));
    }

    @Test
    void the_outbox_endpoint_shows_the_backlog() {
        api.http().get().uri("/actuator/outbox").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.pending").isNumber().jsonPath("$.failingDeliveries").isArray();
    }

    @Test
    void the_modulith_endpoint_describes_the_modules() {
        api.http().get().uri("/actuator/modulith").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.identity.displayName").isEqualTo("Identity");
    }

    @Test
    void openapi_and_swagger_ui_are_served() {
        var description = io.piaf.testing.OpenApiDocument.read(api);
        org.assertj.core.api.Assertions.assertThat(description.path("openapi").asString()).startsWith("3.");
        org.assertj.core.api.Assertions.assertThat(description.path("paths").has("/api/auth/signup")).isTrue();
        api.http().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
