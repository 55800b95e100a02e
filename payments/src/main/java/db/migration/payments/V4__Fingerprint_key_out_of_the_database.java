package db.migration.payments;

import java.nio.file.Path;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.piaf.platform.secrets.SecretFiles;

/**
 * The key of request fingerprints leaves the database: a development database made before this version kept it in
 * {@code payments.secret}. It is written once to the secret file {@code fingerprint-key} (owner-only), so that
 * Idempotency-Keys stored meanwhile still match their requests, and the table is dropped.
 */
public class V4__Fingerprint_key_out_of_the_database extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String key = null;
        try (var statement = context.getConnection().createStatement();
                var rows = statement.executeQuery("select value from payments.secret where name = 'fingerprint-key'")) {
            if (rows.next()) {
                key = rows.getString(1);
            }
        }
        if (key != null) {
            var dir = context.getConfiguration().getPlaceholders().get("secrets_dir");
            if (dir == null || dir.isBlank()) {
                throw new IllegalStateException("payments.secret holds a key to move to a file, but no secrets directory is "
                        + "configured (piaf.secrets.dir / PIAF_SECRETS_DIR)");
            }
            SecretFiles.writeIfAbsent(Path.of(dir), "fingerprint-key", key);
        }
        try (var statement = context.getConnection().createStatement()) {
            statement.execute("drop table payments.secret");
        }
    }
}
