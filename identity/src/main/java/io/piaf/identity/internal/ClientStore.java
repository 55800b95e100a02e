package io.piaf.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.ClientDescription;
import io.piaf.identity.ClientId;
import reactor.core.publisher.Mono;

/** OAuth clients and the hashes of their secrets (migration V4). */
@Component
class ClientStore {

    /** A client authenticated by one of its live secrets. */
    record Authenticated(ClientId id, String subject, Set<String> scopes) {
    }

    private final DatabaseClient db;

    ClientStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(ClientId id, String subject, Set<String> scopes, byte[] secretHash, String hint) {
        return db.sql("""
                with client as (insert into identity.oauth_client (id, subject, scopes) values ($1, $2, $3) returning id)
                insert into identity.oauth_client_credential (secret_hash, client_id, hint) select $4, id, $5 from client""")
                .bind(0, id.value()).bind(1, subject).bind(2, scopes.stream().sorted().toArray(String[]::new))
                .bind(3, secretHash).bind(4, hint)
                .then();
    }

    /**
     * Adds a secret; the live ones before it expire at {@code othersExpireAt} (or keep an earlier expiry). Empty when
     * the client does not exist.
     */
    Mono<Instant> addSecret(ClientId id, byte[] secretHash, String hint, Instant othersExpireAt) {
        return db.sql("""
                with client as (select id from identity.oauth_client where id = $1 for no key update),
                others as (
                    update identity.oauth_client_credential s set expires_at = least(coalesce(s.expires_at, $4), $4)
                    from client c where s.client_id = c.id and (s.expires_at is null or s.expires_at > now())),
                added as (insert into identity.oauth_client_credential (secret_hash, client_id, hint) select $2, id, $3 from client returning client_id)
                select $4 as others_expire_at from added""")
                .bind(0, id.value()).bind(1, secretHash).bind(2, hint).bind(3, othersExpireAt)
                .map(r -> r.get(0, Instant.class)).one();
    }

    Mono<Long> expireAll(ClientId id) {
        return db.sql("""
                update identity.oauth_client_credential set expires_at = now()
                where client_id = $1 and (expires_at is null or expires_at > now())""")
                .bind(0, id.value()).fetch().rowsUpdated();
    }

    Mono<Authenticated> authenticate(String clientId, byte[] secretHash) {
        return db.sql("""
                select c.id, c.subject, c.scopes from identity.oauth_client_credential s
                join identity.oauth_client c on c.id = s.client_id
                where s.secret_hash = $1 and s.client_id = $2 and (s.expires_at is null or s.expires_at > now())""")
                .bind(0, secretHash).bind(1, clientId)
                .map(r -> new Authenticated(new ClientId(r.get("id", String.class)), r.get("subject", String.class),
                        Set.of(r.get("scopes", String[].class))))
                .one();
    }

    Mono<ClientDescription> describe(ClientId id) {
        var secrets = db.sql("""
                select hint, created_at, expires_at from identity.oauth_client_credential
                where client_id = $1 and (expires_at is null or expires_at > now() - interval '7 days')
                order by created_at desc limit 10""")
                .bind(0, id.value())
                .map(r -> new ClientDescription.Secret(r.get("hint", String.class), r.get("created_at", Instant.class),
                        r.get("expires_at", Instant.class)))
                .all().collectList();
        return db.sql("select scopes from identity.oauth_client where id = $1").bind(0, id.value())
                .map(r -> Set.of(r.get(0, String[].class))).one()
                .zipWith(secrets, (scopes, list) -> new ClientDescription(id, scopes, List.copyOf(list)));
    }
}
