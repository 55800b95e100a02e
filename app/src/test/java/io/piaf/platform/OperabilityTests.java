package io.piaf.platform;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

/** What an operator needs: health with the database, metrics, the module model, the outbox backlog, the API docs. */
@PiafTest
class OperabilityTests {

    @Autowired Api api;
    @Autowired io.piaf.identity.Identity identity;
    @Autowired org.springframework.r2dbc.core.DatabaseClient db;

    @Test
    void the_embedded_database_commits_durably() {
        for (var setting : new String[] { "fsync", "synchronous_commit", "full_page_writes" }) {
            var value = db.sql("select current_setting($1)").bind(0, setting).map(r -> r.get(0, String.class)).one().block();
            org.assertj.core.api.Assertions.assertThat(value).as(setting).isEqualTo("on");
        }
    }

    @Test
    void the_embedded_database_asks_for_the_password_kept_beside_its_data(@org.springframework.beans.factory.annotation.Value("${spring.flyway.url}") String url)
            throws Exception {
        var file = java.nio.file.Path.of("target/test-postgres/piaf.password");
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.getPosixFilePermissions(file))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", "").close())
                .hasMessageContaining("password");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", "wrong").close())
                .hasMessageContaining("password authentication failed");
        try (var db = java.sql.DriverManager.getConnection(url, "postgres", java.nio.file.Files.readString(file).strip())) {
            org.assertj.core.api.Assertions.assertThat(db.isValid(5)).isTrue();
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
    void liveness_and_readiness_are_health_groups_and_readiness_checks_the_relay_and_the_listen_connections() {
        api.http().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                api.http().get().uri("/actuator/health/readiness").exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.status").isEqualTo("UP")
                        .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                        .jsonPath("$.components.outboxRelay.status").isEqualTo("UP")
                        .jsonPath("$.components.outboxRelay.details.listen").isEqualTo("connected")
                        .jsonPath("$.components.notificationsListen.status").isEqualTo("UP"));
    }

    @Test
    void business_metrics_count_payments_by_state_confirmations_by_outcome_and_lockouts() {
        api.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        var user = api.signUp("metrics");
        api.setPin(user, "2468");
        identity.checkPin(new io.piaf.identity.UserId(java.util.UUID.fromString(user.id())), "0000").block();
        identity.checkPin(new io.piaf.identity.UserId(java.util.UUID.fromString(user.id())), "0000").block();
        identity.checkPin(new io.piaf.identity.UserId(java.util.UUID.fromString(user.id())), "0000").block();

        api.http().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> org.assertj.core.api.Assertions.assertThat(text)
                        .contains("piaf_identity_pin_locks_total{escalation=\"1\"}")
                        .contains("piaf_events_published_total{type=\"identity.PinLocked\"}")
                        .contains("piaf_events_published_total{type=\"identity.UserRegistered\"}"));
        var wallets = new io.piaf.testing.Wallets(api);
        var payer = wallets.payer("metricpay", "20.00");
        var payee = api.signUp("metricpayee");
        var payment = wallets.request(payer, payee.handle(), "1.00");
        wallets.confirm(payer, payment, "1357").expectStatus().isEqualTo(422);
        wallets.confirm(payer, payment, io.piaf.testing.Wallets.PIN).expectStatus().isOk();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                api.http().get().uri("/actuator/prometheus").exchange().expectBody(String.class).value(text -> org.assertj.core.api.Assertions.assertThat(text)
                        .contains("piaf_payments_confirmations_total{outcome=\"confirmed\"}")
                        .contains("piaf_payments_confirmations_total{outcome=\"invalid_pin\"}")
                        .contains("piaf_events_published_total{type=\"payments.PaymentCompleted\"}")));
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
                .expectBody().jsonPath("$.pending").isNumber().jsonPath("$.failingDeliveries").isArray()
                // no module takes its events from Kafka here: no consumer, no lag
                .jsonPath("$.consumerLag").isEmpty();
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
