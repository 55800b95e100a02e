package io.piaf.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import io.piaf.PiafApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The prod profile fails closed: no start without an external database or without its secrets; when it runs,
 * actuator answers only on its own port, health shows no details to anonymous callers, info no JVM, Swagger UI is
 * off, and a request forwarded as HTTPS gets HSTS. Each start runs in a JVM of its own: a Spring context that closes
 * disposes reactor-netty's global event loops, which would silently stop the servers of the other test contexts of
 * this JVM (docs/traps.md).
 */
@Execution(ExecutionMode.CONCURRENT) // child processes only: beside the in-JVM suite (junit-platform.properties)
@ResourceLock("piaf-child-process") // one child Piaf at a time, as the chaos tests
class ProductionProfileTests {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void externalDatabase(@TempDir Path dir) throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setRegisterShutdownHook(false).setPGStartupWait(java.time.Duration.ofSeconds(30)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void it_refuses_to_start_without_an_external_database() throws Exception {
        var refusal = refusedStart(prod(Path.of("does-not-matter")));

        assertThat(refusal).contains("does not start the embedded PostgreSQL").contains("SPRING_R2DBC_URL");
    }

    @Test
    void it_refuses_to_start_without_its_secrets(@TempDir Path secrets) throws Exception {
        var refusal = refusedStart(withDatabase(prod(secrets)));

        assertThat(refusal).contains("The secret 'jwt-signing-keys' is missing").contains("PIAF_IDENTITY_SIGNING_KEYS");
        assertThat(secrets).isEmptyDirectory();
    }

    @Test
    void it_runs_with_them_and_keeps_operations_apart(@TempDir Path secrets) throws Exception {
        write(secrets, "jwt-signing-keys", new JWKSet(new RSAKeyGenerator(2048).keyID("k1").issueTime(new java.util.Date()).generate()).toString(false));
        write(secrets, "pin-peppers", "1:" + Base64.getEncoder().encodeToString(new byte[32]));
        write(secrets, "fingerprint-key", Base64.getEncoder().encodeToString(new byte[32]));
        write(secrets, "cards-pan-keys", "k1:" + Base64.getEncoder().encodeToString(new byte[32]));
        write(secrets, "cards-verification-key", Base64.getEncoder().encodeToString(new byte[32]));
        write(secrets, "cards-network-secret", "network-secret-for-the-prod-profile-test");
        write(secrets, "unlocks-link-key", Base64.getEncoder().encodeToString(new byte[32]));

        var ports = new int[] { freePort(), freePort() };
        var args = withDatabase(prod(secrets));
        args.addAll(java.util.List.of("--server.port=" + ports[0], "--management.server.port=" + ports[1]));
        var app = start(args);
        try {
            var api = client(Integer.toString(ports[0]));
            var management = client(Integer.toString(ports[1]));
            awaitUp(management);

            management.get().uri("/actuator/health").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
            management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
            management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            management.get().uri("/actuator/info").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.java").doesNotExist().jsonPath("$.os").doesNotExist().jsonPath("$.app.name").isEqualTo("Piaf");
            management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
            api.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
            api.get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
            api.get().uri("/swagger-ui.html").exchange().expectStatus().isNotFound();
            api.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk().expectBody().jsonPath("$.keys[0].kid").isEqualTo("k1");

            api.get().uri("/.well-known/jwks.json").header("X-Forwarded-Proto", "https").exchange()
                    .expectHeader().value("Strict-Transport-Security", hsts -> assertThat(hsts).contains("max-age=31536000", "includeSubDomains"));
            api.get().uri("/.well-known/jwks.json").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
        } finally {
            app.destroy();
            app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(secrets.resolve("jwt-signing-keys")).exists();
    }

    /** Command-line arguments, which win over the profile's files as an operator's settings would. */
    private static java.util.List<String> prod(Path secrets) {
        return new java.util.ArrayList<>(java.util.List.of("--spring.profiles.active=prod",
                "--piaf.secrets.dir=" + secrets, "--logging.level.io.zonky=warn", "--spring.main.banner-mode=off"));
    }

    private static java.util.List<String> withDatabase(java.util.List<String> args) {
        args.addAll(java.util.List.of(
                "--spring.r2dbc.url=r2dbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.r2dbc.username=postgres", "--spring.r2dbc.password=",
                "--spring.flyway.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.flyway.user=postgres", "--spring.flyway.password="));
        return args;
    }

    private static Process start(java.util.List<String> args) throws java.io.IOException {
        var command = new java.util.ArrayList<>(java.util.List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), PiafApplication.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The output of a start that must fail: the process ends on its own, with an error. */
    private static String refusedStart(java.util.List<String> args) throws Exception {
        args.addAll(java.util.List.of("--server.port=0", "--management.server.port=0"));
        var process = start(args);
        var output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isNotZero();
        return output;
    }

    private static void awaitUp(WebTestClient management) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).pollInterval(java.time.Duration.ofMillis(500))
                .ignoreExceptions().untilAsserted(() -> management.get().uri("/actuator/health").exchange().expectStatus().isOk());
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static WebTestClient client(String port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    private static void write(Path dir, String name, String value) throws Exception {
        var file = Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value);
    }
}
