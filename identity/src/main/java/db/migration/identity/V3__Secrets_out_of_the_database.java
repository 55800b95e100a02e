package db.migration.identity;

import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashMap;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import io.piaf.platform.secrets.SecretFiles;

/**
 * Identity's secrets leave the database: a development database made before this version kept the token signing key
 * and the PIN pepper in {@code identity.secret}. They are written once to the secret files (owner-only) — so that
 * tokens already issued and PINs already set keep working — and the table is dropped. A production database that got
 * its secrets from configuration has nothing there. A secret file that already exists is kept as it is.
 */
public class V3__Secrets_out_of_the_database extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var stored = new LinkedHashMap<String, String>();
        try (var statement = context.getConnection().createStatement();
                var rows = statement.executeQuery("select name, value from identity.secret")) {
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getString(2));
            }
        }
        if (!stored.isEmpty()) {
            var dir = context.getConfiguration().getPlaceholders().get("secrets_dir");
            if (dir == null || dir.isBlank()) {
                throw new IllegalStateException("identity.secret holds secrets to move to files, but no secrets directory is "
                        + "configured (piaf.secrets.dir / PIAF_SECRETS_DIR)");
            }
            var key = stored.get("jwt-signing-key");
            if (key != null) {
                SecretFiles.writeIfAbsent(Path.of(dir), "jwt-signing-keys", asKeySet(key));
            }
            var pepper = stored.get("pin-pepper");
            if (pepper != null) {
                // The hashes made so far carry pepper version 1 (the column's default).
                SecretFiles.writeIfAbsent(Path.of(dir), "pin-peppers", "1:" + pepper);
            }
        }
        try (var statement = context.getConnection().createStatement()) {
            statement.execute("drop table identity.secret");
        }
    }

    private static String asKeySet(String jwk) throws ParseException {
        return new JWKSet(RSAKey.parse(jwk)).toString(false);
    }
}
