package io.piaf.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Piaf as a real child process (the test class path, {@code io.piaf.PiafApplication}) on its own embedded PostgreSQL,
 * so that it can be killed with SIGKILL — no shutdown hook, no context close — and started again on the same data.
 */
final class PiafProcess implements AutoCloseable {

    /** The lock of the tests that run a child Piaf (ProductionProfileTests names it too). */
    static final String CHILD = "piaf-child-process";

    private final Path dataDir;
    private final Path log;
    final int httpPort;
    final int pgPort;
    private final List<String> settings;
    private Process process;
    private int starts;

    PiafProcess(Path workDir) throws IOException {
        this(workDir, List.of());
    }

    /** {@code settings}: more {@code --name=value} arguments, e.g. a campaign's settlement batch for its chaos test. */
    PiafProcess(Path workDir, List<String> settings) throws IOException {
        this.settings = List.copyOf(settings);
        this.dataDir = workDir.resolve("pg");
        this.log = workDir.resolve("piaf.log");
        this.httpPort = freePort();
        this.pgPort = freePort();
    }

    /** Where this Piaf keeps its secrets (the card network's among them). */
    Path secretsDir() {
        return dataDir.resolveSibling(dataDir.getFileName() + "-secrets");
    }

    void start() throws Exception {
        var javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.piaf.PiafApplication",
                "--server.port=" + httpPort,
                "--piaf.database.embedded.data-dir=" + dataDir,
                "--piaf.database.embedded.port=" + pgPort,
                // its own dev chain and custody key beside its database (the chain dies with the process it serves)
                "--piaf.crypto.chain.data-dir=" + dataDir + "-chain",
                "--piaf.crypto.secrets-dir=" + dataDir + "-secrets",
                "--piaf.outbox.poll-interval=200ms",
                "--piaf.secrets.dir=" + secretsDir(),
                // crash safety is under test here, not throttling: clients hammer one account from one address
                "--piaf.rate-limits.enabled=false",
                // a key held by a killed request is freed after its lease: short here, so that retries end soon
                "--piaf.payments.idempotency-lease=" + System.getProperty("chaos.lease", "5s"),
                "--logging.level.io.zonky=warn"));
        command.addAll(settings);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(starts++ == 0 ? ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        var http = HttpClient.newHttpClient();
        // generous: a first start makes a PostgreSQL cluster, starts the dev chain and deploys the token, and this
        // machine is shared (a new cluster alone took 37 s under other engineers' test suites)
        var deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Piaf exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Piaf did not become healthy; see " + log);
    }

    /** kill -9: the process dies at once, in the middle of whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String base() {
        return "http://localhost:" + httpPort;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pgPort + "/postgres";
    }

    /** The password the embedded PostgreSQL asks for, generated beside its data. */
    String dbPassword() throws java.io.IOException {
        return java.nio.file.Files.readString(dataDir.resolve("piaf.password")).strip();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.toHandle().destroy(); // SIGTERM: a clean stop, PostgreSQL included
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
