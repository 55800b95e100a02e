package io.piaf.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** After a kill -9 of Piaf, its postmaster is still running on the data directory; the next start must cope. */
class OrphanedPostmasterTests {

    @TempDir
    Path dir;

    /** Run in a child JVM: starts PostgreSQL on the data directory, writes a row, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        var postgres = EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
        try (var c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"))) {
            c.createStatement().execute("create table survivor (id int); insert into survivor values (42)");
        }
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void a_restart_stops_the_postmaster_a_killed_process_left_behind_and_keeps_the_data() throws Exception {
        var dataDir = dir.resolve("pg");
        var javaBin = ProcessHandle.current().info().command().orElse("java");
        var child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), OrphanedPostmasterTests.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(child.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.contains("READY")) {
            // start-up logs
        }
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9: no shutdown hook, no close
        var orphanPid = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("the postmaster outlived its JVM").contains(true);

        var server = EmbeddedPostgresServer.acquire(dataDir, 0, false);
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/postgres", "postgres", server.password())) {
            var rs = c.createStatement().executeQuery("select id, current_setting('fsync') from survivor");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
            assertThat(rs.getString(2)).isEqualTo("on");
        } finally {
            server.release();
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
