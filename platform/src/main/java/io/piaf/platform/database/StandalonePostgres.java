package io.piaf.platform.database;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Only the embedded PostgreSQL, for a local cluster whose Piaf instances share one database (bin/cluster): the same
 * binaries, settings and generated password as a single Piaf's, in a process of its own so that an instance can be
 * killed without taking the database with it. Stops on SIGTERM or Ctrl-C.
 *
 * <p>{@code java -cp <Piaf's class path> io.piaf.platform.database.StandalonePostgres <data dir> <port>}
 */
public final class StandalonePostgres {

    private StandalonePostgres() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[1].matches("[0-9]{1,5}")) {
            System.err.println("usage: StandalonePostgres <data dir> <port>");
            System.exit(2);
        }
        var server = EmbeddedPostgresServer.acquire(Path.of(args[0]), Integer.parseInt(args[1]), false);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.release();
            stopped.countDown();
        }, "postgres-stop"));
        System.out.printf("PostgreSQL ready on localhost:%d (user postgres, password in %s)%n", server.port(),
                Path.of(args[0]).resolve("piaf.password"));
        stopped.await();
    }
}
