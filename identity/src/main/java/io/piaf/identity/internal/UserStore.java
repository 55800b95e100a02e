package io.piaf.identity.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.identity.internal.domain.PinHasher;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class UserStore {

    private static final String COLUMNS = "id, handle, display_name, phone, kind, password_hash, pin_hash, "
            + "pin_pepper_version, pin_failed_attempts, pin_locks, pin_locked_until, payment_visibility, created_at, protected";

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

    /** Handles of verified accounts (charities today), which no new handle may imitate. */
    Flux<String> verifiedHandles() {
        return db.sql("select handle from identity.users where kind = 'CHARITY'").map(r -> r.get(0, String.class)).all();
    }

    Flux<UserRow> findByHandles(Collection<String> handles) {
        if (handles.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select " + COLUMNS + " from identity.users where handle = any($1)")
                .bind(0, handles.toArray(String[]::new))
                .map(UserStore::read).all();
    }

    Mono<Void> setPin(UserId id, PinHasher.PinHash pin) {
        return db.sql("""
                update identity.users set pin_hash = $2, pin_pepper_version = $3, pin_failed_attempts = 0, pin_locks = 0,
                    pin_locked_until = null
                where id = $1""")
                .bind(0, id.value()).bind(1, pin.hash()).bind(2, pin.pepperVersion()).then();
    }

    /** Re-makes a PIN hash with the current pepper, unless the PIN changed meanwhile. */
    Mono<Void> rehashPin(UserId id, byte[] previous, PinHasher.PinHash pin) {
        return db.sql("update identity.users set pin_hash = $3, pin_pepper_version = $4 where id = $1 and pin_hash = $2")
                .bind(0, id.value()).bind(1, previous).bind(2, pin.hash()).bind(3, pin.pepperVersion()).then();
    }

    Mono<Void> setPaymentVisibility(UserId id, PaymentVisibility visibility) {
        return db.sql("update identity.users set payment_visibility = $2 where id = $1")
                .bind(0, id.value()).bind(1, visibility.name()).then();
    }

    Mono<Void> setProtected(UserId id, boolean protectedAccount) {
        return db.sql("update identity.users set protected = $2 where id = $1")
                .bind(0, id.value()).bind(1, protectedAccount).then();
    }

    /** A right PIN: forgets the wrong ones and ends the escalation of locks. */
    Mono<Void> resetPinFailures(UserId id) {
        return db.sql("update identity.users set pin_failed_attempts = 0, pin_locks = 0 where id = $1 and (pin_failed_attempts > 0 or pin_locks > 0)")
                .bind(0, id.value()).then();
    }

    /** @param locks how many locks in a row this failure made, 0 when it did not lock */
    record PinFailure(int failedAttempts, int locks, Instant lockedUntil) {
    }

    /**
     * Counts one wrong PIN atomically (concurrent wrong PINs each count); the failure that reaches the limit locks
     * the PIN for the next of {@code lockSeconds} (the last one repeats) and restarts the count.
     */
    Mono<PinFailure> recordPinFailure(UserId id, int limit, Long[] lockSeconds) {
        return db.sql("""
                update identity.users set
                    pin_locked_until = case when pin_failed_attempts + 1 >= $2
                        then now() + make_interval(secs => ($3::bigint[])[least(pin_locks + 1, cardinality($3::bigint[]))])
                        else pin_locked_until end,
                    pin_locks = case when pin_failed_attempts + 1 >= $2 then pin_locks + 1 else pin_locks end,
                    pin_failed_attempts = case when pin_failed_attempts + 1 >= $2 then 0 else pin_failed_attempts + 1 end
                where id = $1
                returning pin_failed_attempts, pin_locks, pin_locked_until, pin_failed_attempts = 0 as locked_now""")
                .bind(0, id.value()).bind(1, limit).bind(2, lockSeconds)
                .map(row -> new PinFailure(row.get(0, Integer.class),
                        Boolean.TRUE.equals(row.get(3, Boolean.class)) ? row.get(1, Integer.class) : 0,
                        row.get(2, Instant.class)))
                .one();
    }

    private static UserRow read(Readable row) {
        return new UserRow(new UserId(row.get("id", UUID.class)), row.get("handle", String.class),
                row.get("display_name", String.class), row.get("phone", String.class),
                AccountKind.valueOf(row.get("kind", String.class)), row.get("password_hash", String.class),
                row.get("pin_hash", byte[].class), row.get("pin_pepper_version", Integer.class),
                row.get("pin_failed_attempts", Integer.class), row.get("pin_locks", Integer.class),
                row.get("pin_locked_until", Instant.class),
                PaymentVisibility.valueOf(row.get("payment_visibility", String.class)),
                row.get("created_at", Instant.class), row.get("protected", Boolean.class));
    }
}
