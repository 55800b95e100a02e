package io.piaf.crypto.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.piaf.identity.UserId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** crypto.account: custodial accounts, their sealed keys, next nonces and Piaf's view of their token balances. */
@Repository
class AccountStore {

    record AccountRow(UUID id, UserId userId, String role, String address, KeyVault.Sealed key, Long nextNonce,
            BigInteger tokenBalance) {

        boolean treasury() {
            return "TREASURY".equals(role);
        }
    }

    private static final String COLUMNS = "id, user_id, role, address, key_id, key_iv, key_ciphertext, next_nonce, token_balance";

    private final DatabaseClient db;

    AccountStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the account unless its user (or the treasury) has one; then reads the one that is there. */
    Mono<AccountRow> insertOrGet(UserId user, String role, KeyVault.Sealed key) {
        var conflict = user == null ? "(role) where role = 'TREASURY'" : "(user_id)";
        var insert = db.sql("insert into crypto.account (id, user_id, role, address, key_id, key_iv, key_ciphertext) "
                        + "values (:id, :user, :role, :address, :keyId, :iv, :ct) on conflict " + conflict + " do nothing")
                .bind("id", UUID.randomUUID())
                .bind("role", role).bind("address", key.address()).bind("keyId", key.keyId())
                .bind("iv", key.iv()).bind("ct", key.ciphertext());
        insert = user == null ? insert.bindNull("user", UUID.class) : insert.bind("user", user.value());
        return insert.then().then(user == null ? treasury() : findByUser(user));
    }

    Mono<AccountRow> findByUser(UserId user) {
        return db.sql("select " + COLUMNS + " from crypto.account where user_id = $1").bind(0, user.value())
                .map(AccountStore::row).one();
    }

    Mono<AccountRow> findByAddress(String address) {
        return db.sql("select " + COLUMNS + " from crypto.account where address = $1").bind(0, address)
                .map(AccountStore::row).one();
    }

    Mono<AccountRow> treasury() {
        return db.sql("select " + COLUMNS + " from crypto.account where role = 'TREASURY'").map(AccountStore::row).one();
    }

    Flux<AccountRow> all() {
        return db.sql("select " + COLUMNS + " from crypto.account order by created_at").map(AccountStore::row).all();
    }

    /** Locks the account for a signature (one nonce at a time per account); in the caller's transaction. */
    Mono<AccountRow> lock(String address) {
        return db.sql("select " + COLUMNS + " from crypto.account where address = $1 for no key update").bind(0, address)
                .map(AccountStore::row).one();
    }

    Mono<Void> setNextNonce(String address, long next) {
        return db.sql("update crypto.account set next_nonce = $2 where address = $1").bind(0, address).bind(1, next).then();
    }

    /** Forgets the stored nonce: the next signature asks the chain (after a deployment made outside the allocator). */
    Mono<Void> forgetNonce(String address) {
        return db.sql("update crypto.account set next_nonce = null where address = $1").bind(0, address).then();
    }

    /** Moves Piaf's view of a balance by {@code delta} (negative to debit); the check refuses a negative balance. */
    Mono<Void> adjustBalance(String address, BigInteger delta) {
        return db.sql("update crypto.account set token_balance = token_balance + $2 where address = $1")
                .bind(0, address).bind(1, new BigDecimal(delta)).then();
    }

    Mono<Void> reseal(KeyVault.Sealed key) {
        return db.sql("update crypto.account set key_id = $2, key_iv = $3, key_ciphertext = $4 where address = $1")
                .bind(0, key.address()).bind(1, key.keyId()).bind(2, key.iv()).bind(3, key.ciphertext()).then();
    }

    private static AccountRow row(Readable r) {
        var user = r.get("user_id", UUID.class);
        var nonce = r.get("next_nonce", Long.class);
        return new AccountRow(r.get("id", UUID.class), user == null ? null : new UserId(user), r.get("role", String.class),
                r.get("address", String.class),
                new KeyVault.Sealed(r.get("address", String.class), r.get("key_id", String.class),
                        bytes(r.get("key_iv")), bytes(r.get("key_ciphertext"))),
                nonce, r.get("token_balance", BigDecimal.class).toBigIntegerExact());
    }

    private static byte[] bytes(Object value) {
        if (value instanceof java.nio.ByteBuffer buffer) {
            var bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }
}
