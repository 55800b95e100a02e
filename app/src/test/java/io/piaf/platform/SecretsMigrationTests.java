package io.piaf.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A development database from before secrets left the database: its signing key, PIN pepper and fingerprint key are
 * moved once into owner-only secret files (so that tokens already issued, PINs already set and stored
 * Idempotency-Keys keep working) and the secret tables are dropped.
 */
class SecretsMigrationTests {

    @Test
    void secrets_kept_in_tables_move_to_owner_only_files_and_the_tables_go(@TempDir Path dir) throws Exception {
        var secrets = dir.resolve("secrets");
        var oldKey = new RSAKeyGenerator(2048).keyID("old-kid").generate();
        try (var postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .setRegisterShutdownHook(false).start()) {
            var url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            migrate(url, "identity", "2", secrets);
            migrate(url, "payments", "3", secrets);
            try (var db = DriverManager.getConnection(url, "postgres", ""); var statement = db.createStatement()) {
                statement.execute("insert into identity.secret values ('jwt-signing-key', '" + oldKey.toJSONString() + "'), "
                        + "('pin-pepper', 'cGVwcGVyLXBlcHBlci1wZXBwZXItcGVwcGVyLTEyMzQ=')");
                statement.execute("insert into payments.secret values ('fingerprint-key', 'ZmluZ2VycHJpbnQta2V5LWZpbmdlcnByaW50LWtleQ==')");
            }

            migrate(url, "identity", null, secrets);
            migrate(url, "payments", null, secrets);

            var keys = JWKSet.parse(Files.readString(secrets.resolve("jwt-signing-keys")));
            assertThat(keys.getKeys()).singleElement().satisfies(k -> {
                assertThat(k.getKeyID()).isEqualTo("old-kid");
                assertThat(((RSAKey) k).getModulus()).isEqualTo(oldKey.getModulus());
                assertThat(k.isPrivate()).isTrue();
            });
            assertThat(Files.readString(secrets.resolve("pin-peppers")).strip()).isEqualTo("1:cGVwcGVyLXBlcHBlci1wZXBwZXItcGVwcGVyLTEyMzQ=");
            assertThat(Files.readString(secrets.resolve("fingerprint-key")).strip()).isEqualTo("ZmluZ2VycHJpbnQta2V5LWZpbmdlcnByaW50LWtleQ==");
            for (var name : new String[] { "jwt-signing-keys", "pin-peppers", "fingerprint-key" }) {
                assertThat(Files.getPosixFilePermissions(secrets.resolve(name))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(Files.getPosixFilePermissions(secrets)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            try (var db = DriverManager.getConnection(url, "postgres", ""); var statement = db.createStatement();
                    var tables = statement.executeQuery("select count(*) from information_schema.tables where table_name = 'secret'")) {
                tables.next();
                assertThat(tables.getInt(1)).isZero();
            }
        }
    }

    private static void migrate(String url, String module, String target, Path secrets) {
        var flyway = Flyway.configure().dataSource(url, "postgres", "").schemas(module).createSchemas(true)
                .locations("classpath:db/migration/" + module).placeholders(Map.of("secrets_dir", secrets.toString()));
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }
}
