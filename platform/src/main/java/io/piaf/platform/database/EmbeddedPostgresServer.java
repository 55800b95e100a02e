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
    private final String password;
    private int users;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres, String password) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.password = password;
    }

    static synchronized EmbeddedPostgresServer acquire(Path dataDirectory, int port, boolean clean) {
        var key = dataDirectory.toAbsolutePath().normalize();
        var server = RUNNING.get(key);
        if (server == null) {
            var wipe = clean && CLEANED.add(key);
            var password = EmbeddedPostgresPassword.forStart(key, wipe);
            server = new EmbeddedPostgresServer(key, start(key, port, wipe, password), password);
            RUNNING.put(key, server);
        }
        server.users++;
        return server;
    }

    private static EmbeddedPostgres start(Path dataDirectory, int port, boolean clean, String password) {
        try {
            var firstStart = clean || !Files.exists(dataDirectory.resolve("PG_VERSION"));
            stopOrphanedPostmaster(dataDirectory);
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
                    // zonky starts postgres with -F (fsync off) and synchronous_commit=off, fine for throw-away test
                    // databases and wrong for money: a later -c wins, so commits are durable again.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB")
                    // Compressed full-page images: after each checkpoint the first write to every page logs the whole
                    // page, and on bench/cards that WAL surge held card authorizations up to 0.5-1.3 s (p99 at 70 %
                    // 395-1,083 ms in three runs; 118-128 ms in two with this, bench/README.md)
                    .setServerConfig("wal_compression", "on")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky checks readiness with this; trust (a new cluster) ignores it, scram needs it.
                    .setConnectConfig("password", password)
                    .start();
            EmbeddedPostgresPassword.require(postgres, dataDirectory, password);
            log.info("Embedded PostgreSQL on port {} with data in {} ({}, {} ms)", postgres.getPort(), dataDirectory,
                    firstStart ? "new cluster" : "existing data", (System.nanoTime() - started) / 1_000_000);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * A Piaf process that died without closing (kill -9, a crash) leaves its postmaster running on the data
     * directory, and a new one could not start there. Stop it: fast shutdown first, a kill if it will not go (the next
     * start then recovers from the WAL, as after a power cut).
     */
    private static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        var pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("[0-9]+")) {
            return;
        }
        var orphan = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping the postmaster (pid {}) left running on {} by a Piaf process that did not shut down", orphan.get().pid(), dataDirectory);
        var process = orphan.get();
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            process.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                throw new IOException("The postmaster left on " + dataDirectory + " (pid " + process.pid() + ") does not stop");
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    /** The superuser's password, generated with the cluster and kept in its data directory (owner-only). */
    String password() {
        return password;
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
