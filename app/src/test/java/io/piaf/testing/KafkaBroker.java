package io.piaf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, broker and controller in one process) for the tests, started by the repository's
 * {@code bin/kafka run} with the test class path (which holds the kafka_2.13 server, a test dependency): the same
 * script and settings as a local run, on free ports, its data under {@code target/test-kafka} (wiped when the JVM
 * starts one, kept across {@link #stop()} and {@link #start()} so a restart keeps the topics).
 */
public final class KafkaBroker {

    private static KafkaBroker shared;

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dataDir) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /** The broker of this test JVM, started on first use. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            var dir = Path.of("target", "test-kafka").toAbsolutePath();
            deleteRecursively(dir);
            shared = new KafkaBroker(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::kill));
            shared.start();
        }
        return shared;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            var builder = new ProcessBuilder(script().toString(), "run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()));
            var env = builder.environment();
            env.put("KAFKA_PORT", Integer.toString(port));
            env.put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
            env.put("KAFKA_DATA_DIR", dataDir.toString());
            var classPath = dataDir.resolve("test.classpath");
            Files.writeString(classPath, System.getProperty("java.class.path"));
            env.put("KAFKA_CLASSPATH_FILE", classPath.toString());
            env.put("JAVA_HOME", System.getProperty("java.home"));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The Kafka broker did not start; see " + dataDir.resolve("broker.log"));
            }
            sleep(100);
        }
    }

    /** A clean stop (SIGTERM: a controlled shutdown), waiting for the process to end. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void kill() {
        var running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private static Path script() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            var script = dir.resolve("bin/kafka");
            if (Files.isExecutable(script)) {
                return script;
            }
        }
        throw new IllegalStateException("bin/kafka not found above " + Path.of("").toAbsolutePath());
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
