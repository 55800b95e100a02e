package io.piaf.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import reactor.core.publisher.Mono;

/**
 * Identity's secrets: the token signing key and the PIN pepper. Configured values win; otherwise each is generated
 * once and stored, so that every instance and every restart use the same one (first writer wins).
 */
@Component
class Secrets {

    private final DatabaseClient db;
    private final IdentityProperties properties;

    Secrets(DatabaseClient db, IdentityProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    Mono<RSAKey> signingKey() {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            return Mono.fromCallable(() -> RSAKey.parse(properties.signingKey()));
        }
        return stored("jwt-signing-key", () -> generateRsa().toJSONString()).map(json -> {
            try {
                return RSAKey.parse(json);
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("The stored signing key is not a JWK", e);
            }
        });
    }

    Mono<byte[]> pinPepper() {
        if (properties.pinPepper() != null && !properties.pinPepper().isBlank()) {
            return Mono.just(Base64.getDecoder().decode(properties.pinPepper()));
        }
        return stored("pin-pepper", () -> {
            var bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }).map(Base64.getDecoder()::decode);
    }

    private Mono<String> stored(String name, java.util.function.Supplier<String> generate) {
        return db.sql("insert into identity.secret (name, value) values ($1, $2) on conflict (name) do nothing")
                .bind(0, name).bind(1, generate.get()).then()
                .then(db.sql("select value from identity.secret where name = $1").bind(0, name)
                        .map(row -> row.get(0, String.class)).one());
    }

    private static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
