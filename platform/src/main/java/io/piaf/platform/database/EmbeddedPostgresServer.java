package io.piaf.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real PostgreSQL binaries (from Maven Central) run as a child process, one server per data directory in this JVM.
 * Application contexts acquire and release it, so test contexts share one server and the last one out stops it.
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();
    // "clean" wipes a directory once per JVM, so that a restart inside one test run keeps its data.
    private static final java.util.Set<Path> CLEANED = new java.util.HashSet<>();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    static synchronized EmbeddedPostgresServer acquire(Path dataDirectory, int port, boolean clean) {
        var key = dataDirectory.toAbsolutePath().normalize();
        var server = RUNNING.get(key);
        if (server == null) {
            server = new EmbeddedPostgresServer(key, start(key, port, clean && CLEANED.add(key)));
            RUNNING.put(key, server);
        }
        server.users++;
        return server;
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port, boolean clean) {
        try {
            var firstStart = clean || !Files.exists(dataDirectory.resolve("PG_VERSION"));
            if (clean) {
                deleteRecursively(dataDirectory);
            }
            Files.createDirectories(dataDirectory.getParent());
            var started = System.nanoTime();
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Closed by the application context, not by a JVM shutdown hook (one hung Surefire).
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB")
                    .start();
            log.info("Embedded PostgreSQL on port {} with data in {} ({}, {} ms)", postgres.getPort(), dataDirectory,
                    firstStart ? "new cluster" : "existing data", (System.nanoTime() - started) / 1_000_000);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    synchronized void release() {
        synchronized (EmbeddedPostgresServer.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(dataDirectory);
            try {
                postgres.close();
                log.info("Embedded PostgreSQL stopped");
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
