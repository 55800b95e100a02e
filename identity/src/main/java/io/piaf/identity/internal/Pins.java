package io.piaf.identity.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.MeterRegistry;
import io.piaf.common.ProblemException;
import io.piaf.identity.PinCheck;
import io.piaf.identity.PinLocked;
import io.piaf.identity.UserId;
import io.piaf.identity.internal.domain.PinRules;
import io.piaf.outbox.Outbox;
import io.piaf.platform.logging.RequestLogs;
import reactor.core.publisher.Mono;

/**
 * Payment PINs: setting one (with the password; never a trivial one), and checking them with a lock that escalates
 * (15 min, 1 h, 24 h) and that the user is told of ({@link PinLocked}, through the outbox). A hash made with an older
 * pepper is re-made with the current one when its PIN is entered right.
 */
@Component
class Pins {

    private static final Logger log = LoggerFactory.getLogger(Pins.class);

    private final UserStore users;
    private final Passwords passwords;
    private final KeyRing keys;
    private final Outbox outbox;
    private final TransactionalOperator transactional;
    private final IdentityProperties properties;
    private final Long[] lockSeconds;
    private final MeterRegistry meters;

    Pins(UserStore users, Passwords passwords, KeyRing keys, Outbox outbox, ReactiveTransactionManager transactions,
            IdentityProperties properties, MeterRegistry meters) {
        this.users = users;
        this.passwords = passwords;
        this.keys = keys;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
        this.properties = properties;
        this.lockSeconds = properties.pinLocks().stream().map(d -> d.toSeconds()).toArray(Long[]::new);
        this.meters = meters;
    }

    /**
     * Sets the first PIN or changes it. Both need the account's password (a stolen session alone must not set the
     * code that moves money); a change also needs the current PIN, checked like any PIN (a wrong one counts).
     */
    Mono<Void> setPin(UserRow row, String pin, String currentPin, String password) {
        PinRules.requireAcceptable(pin);
        if (password == null || password.isEmpty()) {
            return Mono.error(ProblemException.badRequest("password_required", "Setting or changing a PIN needs your password."));
        }
        if (row.pinHash() != null && (currentPin == null || currentPin.isBlank())) {
            return Mono.error(ProblemException.badRequest("current_pin_required", "Changing a PIN needs the current one."));
        }
        return passwords.matches(password, row.passwordHash()).flatMap(right -> {
            if (!right) {
                return Mono.error(ProblemException.unprocessable("invalid_password", "The password is wrong."));
            }
            if (row.pinHash() == null) {
                return users.setPin(row.id(), keys.pins().hash(row.id(), pin));
            }
            return check(row, currentPin).flatMap(check -> switch (check) {
                case PinCheck.Accepted a -> users.setPin(row.id(), keys.pins().hash(row.id(), pin));
                default -> Mono.error(check.problem());
            });
        });
    }

    Mono<Map<UserId, PinCheck>> checkAll(Map<UserId, String> pins) {
        if (pins.isEmpty()) {
            return Mono.just(Map.of());
        }
        return users.findAll(pins.keySet())
                .concatMap(row -> check(row, pins.get(row.id())).map(check -> Map.entry(row.id(), check)))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    var checks = new HashMap<>(found);
                    pins.keySet().forEach(id -> checks.putIfAbsent(id, new PinCheck.NotSet()));
                    return Map.copyOf(checks);
                });
    }

    Mono<PinCheck> check(UserRow row, String pin) {
        var id = row.id();
        if (row.pinHash() == null) {
            return Mono.just(new PinCheck.NotSet());
        }
        if (row.pinLockedUntil() != null && row.pinLockedUntil().isAfter(Instant.now())) {
            return Mono.just(new PinCheck.Locked(row.pinLockedUntil()));
        }
        var pinHasher = keys.pins();
        var correct = PinRules.isWellFormed(pin) && pinHasher.matches(id, pin, row.pinPepperVersion(), row.pinHash());
        if (correct) {
            var accepted = Mono.<PinCheck>just(new PinCheck.Accepted());
            if (!pinHasher.isCurrent(row.pinPepperVersion())) {
                accepted = users.rehashPin(id, row.pinHash(), pinHasher.hash(id, pin)).then(accepted);
            }
            // The usual case, no failure to forget, costs no write (and no round trip on the payment's path).
            return row.pinFailedAttempts() == 0 && row.pinLocks() == 0 ? accepted : users.resetPinFailures(id).then(accepted);
        }
        return transactional.transactional(users.recordPinFailure(id, properties.pinAttempts(), lockSeconds)
                .flatMap(failure -> {
                    if (failure.locks() > 0) {
                        return announceLock(id, failure).thenReturn((PinCheck) new PinCheck.Locked(failure.lockedUntil()));
                    }
                    return Mono.just(failure.lockedUntil() != null && failure.lockedUntil().isAfter(Instant.now())
                            ? new PinCheck.Locked(failure.lockedUntil())
                            : new PinCheck.Rejected(properties.pinAttempts() - failure.failedAttempts()));
                }));
    }

    private Mono<Void> announceLock(UserId id, UserStore.PinFailure failure) {
        meters.counter("piaf.identity.pin.locks", "escalation", Integer.toString(Math.min(failure.locks(), properties.pinLocks().size())))
                .increment();
        return RequestLogs.traced(() -> log.info("PIN of user {} locked until {} (lock {} in a row)", id, failure.lockedUntil(), failure.locks()))
                .then(outbox.append(new PinLocked(id, failure.lockedUntil(), failure.locks(), Instant.now())));
    }
}
