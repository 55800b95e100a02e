package io.piaf.crypto.internal.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ganache, started as a child process (node) when no chain URL is configured: one per data directory in this JVM,
 * shared by the application contexts that acquire it (a test run's contexts share one) and stopped when the last
 * releases it. The launcher ({@code devchain.mjs}) also exits when its stdin closes, so a JVM that dies without
 * closing — kill -9, a Surefire fork killed — takes the chain with it.
 */
public final class DevChainProcess {

    private static final Logger log = LoggerFactory.getLogger(DevChainProcess.class);
    private static final Map<Path, DevChainProcess> RUNNING = new HashMap<>();
    private static final Set<Path> CLEANED = new HashSet<>();

    private final Path dataDir;
    private final Process process;
    private final int port;
    private int users;

    private DevChainProcess(Path dataDir, Process process, int port) {
        this.dataDir = dataDir;
        this.process = process;
        this.port = port;
    }

    public static synchronized DevChainProcess acquire(Path ganacheHome, Path dataDir, long chainId, boolean clean, int blockTime) {
        var key = dataDir.toAbsolutePath().normalize();
        var chain = RUNNING.get(key);
        if (chain == null || !chain.process.isAlive()) {
            chain = start(ganacheHome, key, chainId, clean && CLEANED.add(key), blockTime);
            RUNNING.put(key, chain);
        }
        chain.users++;
        return chain;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    private static DevChainProcess start(Path home, Path dataDir, long chainId, boolean clean, int blockTime) {
        var launcher = home.resolve("devchain.mjs");
        if (!Files.isRegularFile(home.resolve("node_modules/ganache/package.json"))) {
            throw new IllegalStateException("The dev chain is not installed in " + home + ": build the crypto module "
                    + "(it runs npm ci there), or set piaf.crypto.chain.url to a JSON-RPC node");
        }
        try {
            if (clean) {
                deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
            var port = freePort();
            var started = System.nanoTime();
            var process = new ProcessBuilder("node", launcher.toString(), Integer.toString(port), dataDir.toString(),
                    Long.toString(chainId), Integer.toString(blockTime))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .start();
            var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("devchain listening")) {
                log.info("dev chain: {}", line);
            }
            if (line == null) {
                throw new IllegalStateException("The dev chain did not start (exit " + process.waitFor() + ")");
            }
            // a platform thread: reading a process pipe blocks its thread for the chain's whole life, and on a virtual
            // thread that held one of the few carriers (one per core); two dev chains in one JVM starved every virtual
            // thread of the JVM on two cores
            Thread.ofPlatform().daemon().name("devchain-output").start(() -> drain(output));
            log.info("Dev chain (Ganache, chain id {}) on 127.0.0.1:{} with data in {} ({} ms)", chainId, port, dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return new DevChainProcess(dataDir, process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the dev chain from " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void drain(BufferedReader output) {
        try {
            String line;
            while ((line = output.readLine()) != null) {
                log.info("dev chain: {}", line);
            }
        } catch (IOException ignored) {
            // the chain stopped
        }
    }

    public void release() {
        synchronized (DevChainProcess.class) {
            if (--users > 0) {
                return;
            }
            RUNNING.remove(dataDir);
            try {
                process.getOutputStream().close(); // the launcher closes Ganache's database and exits
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                log.info("Dev chain stopped");
            } catch (IOException | InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
