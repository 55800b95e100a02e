package io.piaf.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL asks for a password: zonky's initdb trusts every local login as superuser, so any process
 * on the machine could read or change the money. The cluster's superuser gets a generated password, kept in
 * {@code piaf.password} inside the data directory (0600 in a 0700 directory, as PostgreSQL keeps its own files), and
 * {@code pg_hba.conf} then requires SCRAM-SHA-256 for every connection. A data directory made before this (trust) is
 * converted at its first start.
 */
final class EmbeddedPostgresPassword {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresPassword.class);
    static final String FILE = "piaf.password";
    private static final String MARKER = "# Written by Piaf";
    private static final String HBA = """
            %s: every connection authenticates with the password in piaf.password (SCRAM-SHA-256).
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """.formatted(MARKER);

    private EmbeddedPostgresPassword() {
    }

    /** The password to start with: the kept one, or a new one for a new (or wiped, or converted) cluster. */
    static String forStart(Path dataDirectory, boolean wiped) {
        var file = dataDirectory.resolve(FILE);
        try {
            if (!wiped && Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            var hba = dataDirectory.resolve("pg_hba.conf");
            if (!wiped && Files.isRegularFile(hba) && Files.readString(hba).contains(MARKER)) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDirectory + " requires a password but "
                        + file + " is gone: restore it, or delete " + dataDirectory + " to start from scratch");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        var bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** After start: a cluster that still trusts local logins gets the password and the SCRAM rules. */
    static void require(EmbeddedPostgres postgres, Path dataDirectory, String password) throws IOException {
        var hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.readString(hba).contains(MARKER)) {
            return;
        }
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            // Kept first: a crash right after the change must not leave a password nobody knows.
            writeOwnerOnly(dataDirectory.resolve(FILE), password);
            // The password is base64url: no quote to escape.
            statement.execute("alter role postgres with password '" + password + "'");
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
        log.info("Embedded PostgreSQL now requires a password (kept in {})", dataDirectory.resolve(FILE));
    }

    private static void writeOwnerOnly(Path file, String value) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
    }
}
