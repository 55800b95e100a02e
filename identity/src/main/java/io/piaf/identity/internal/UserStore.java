package io.piaf.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.r2dbc.postgresql.codec.Interval;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class UserStore {

    private static final String COLUMNS = "id, handle, display_name, phone, kind, password_hash, pin_hash, "
            + "pin_failed_attempts, pin_locked_until, payment_visibility, created_at, protected";

    private final DatabaseClient db;

    UserStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the user unless the handle is taken; emits whether it was inserted. */
    Mono<Boolean> insert(UserRow user) {
        return db.sql("""
                insert into identity.users (id, handle, display_name, phone, kind, password_hash, payment_visibility, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (handle) do nothing""")
                .bind(0, user.id().value()).bind(1, user.handle()).bind(2, user.displayName())
                .bind(3, Parameter.fromOrEmpty(user.phone(), String.class))
                .bind(4, user.kind().name())
                .bind(5, Parameter.fromOrEmpty(user.passwordHash(), String.class))
                .bind(6, user.paymentVisibility().name()).bind(7, user.createdAt())
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<UserRow> find(UserId id) {
        return db.sql("select " + COLUMNS + " from identity.users where id = $1").bind(0, id.value())
                .map(UserStore::read).one();
    }

    Mono<UserRow> findByHandle(String handle) {
        return db.sql("select " + COLUMNS + " from identity.users where handle = $1").bind(0, handle)
                .map(UserStore::read).one();
    }

    Flux<UserRow> findAll(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + COLUMNS + " from identity.users where id = any($1)")
                .bind(0, ids.stream().map(UserId::value).toArray(UUID[]::new))
                .map(UserStore::read).all();
    }

    Flux<UserRow> findByHandles(Collection<String> handles) {
        if (handles.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + COLUMNS + " from identity.users where handle = any($1)")
                .bind(0, handles.toArray(String[]::new))
                .map(UserStore::read).all();
    }

    Mono<Void> setPin(UserId id, byte[] pinHash) {
        return db.sql("update identity.users set pin_hash = $2, pin_failed_attempts = 0, pin_locked_until = null where id = $1")
                .bind(0, id.value()).bind(1, pinHash).then();
    }

    Mono<Void> setPaymentVisibility(UserId id, PaymentVisibility visibility) {
        return db.sql("update identity.users set payment_visibility = $2 where id = $1")
                .bind(0, id.value()).bind(1, visibility.name()).then();
    }

    Mono<Void> setProtected(UserId id, boolean protectedAccount) {
        return db.sql("update identity.users set protected = $2 where id = $1")
                .bind(0, id.value()).bind(1, protectedAccount).then();
    }

    Mono<Void> resetPinFailures(UserId id) {
        return db.sql("update identity.users set pin_failed_attempts = 0 where id = $1 and pin_failed_attempts > 0")
                .bind(0, id.value()).then();
    }

    record PinFailure(int failedAttempts, Instant lockedUntil) {
    }

    /**
     * Counts one wrong PIN atomically (concurrent wrong PINs each count); the failure that reaches the limit locks
     * the PIN and restarts the count.
     */
    Mono<PinFailure> recordPinFailure(UserId id, int limit, Duration lock) {
        return db.sql("""
                update identity.users set
                    pin_locked_until = case when pin_failed_attempts + 1 >= $2 then now() + $3 else pin_locked_until end,
                    pin_failed_attempts = case when pin_failed_attempts + 1 >= $2 then 0 else pin_failed_attempts + 1 end
                where id = $1
                returning pin_failed_attempts, pin_locked_until""")
                .bind(0, id.value()).bind(1, limit).bind(2, Interval.of(lock))
                .map(row -> new PinFailure(row.get(0, Integer.class), row.get(1, Instant.class)))
                .one();
    }

    private static UserRow read(Readable row) {
        return new UserRow(new UserId(row.get("id", UUID.class)), row.get("handle", String.class),
                row.get("display_name", String.class), row.get("phone", String.class),
                AccountKind.valueOf(row.get("kind", String.class)), row.get("password_hash", String.class),
                row.get("pin_hash", byte[].class), row.get("pin_failed_attempts", Integer.class),
                row.get("pin_locked_until", Instant.class),
                PaymentVisibility.valueOf(row.get("payment_visibility", String.class)),
                row.get("created_at", Instant.class), row.get("protected", Boolean.class));
    }
}
