package io.piaf.identity.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.AccountKind;
import io.piaf.identity.Handle;
import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.PinCheck;
import io.piaf.identity.UserId;
import io.piaf.identity.UserRegistered;
import io.piaf.identity.UserSummary;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;

@Service
class IdentityService implements Identity {

    private static final Pattern PIN = Pattern.compile("[0-9]{4,6}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** Who paid whom, and why, is the two parties' business unless the payer chooses otherwise. */
    static final PaymentVisibility DEFAULT_PAYMENT_VISIBILITY = PaymentVisibility.PRIVATE;

    private final UserStore users;
    private final Passwords passwords;
    private final KeyRing keys;
    private final Outbox outbox;
    private final TransactionalOperator transactional;
    private final IdentityProperties properties;

    IdentityService(UserStore users, Passwords passwords, KeyRing keys, Outbox outbox,
            ReactiveTransactionManager transactions, IdentityProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.keys = keys;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
        this.properties = properties;
    }

    record SignUp(String handle, String password, String displayName, String phone) {
    }

    Mono<UserSummary> signUp(SignUp request) {
        var handle = Handle.parse(request.handle());
        var displayName = displayName(request.displayName());
        var password = request.password();
        if (password == null || password.length() < 8 || password.length() > 128) {
            return Mono.error(ProblemException.badRequest("weak_password", "A password is 8 to 128 characters."));
        }
        var phone = request.phone() == null || request.phone().isBlank() ? null : request.phone().strip();
        if (phone != null && !PHONE.matcher(phone).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_phone", "A phone number is in international form, e.g. +33612345678."));
        }
        return passwords.hash(password).flatMap(hash -> register(new UserRow(UserId.random(), handle.value(), displayName,
                phone, AccountKind.PERSON, hash, null, 0, null, DEFAULT_PAYMENT_VISIBILITY, Instant.now(), false)))
                .switchIfEmpty(Mono.error(() -> ProblemException.conflict("handle_taken", "@" + handle + " is taken.")));
    }

    /** Inserts the user and announces it in one transaction; empty when the handle is taken. */
    Mono<UserSummary> register(UserRow user) {
        return transactional.transactional(users.insert(user).flatMap(inserted -> inserted
                ? outbox.append(new UserRegistered(user.id(), user.handle(), user.displayName(), user.kind(), user.createdAt()))
                        .thenReturn(user.summary())
                : Mono.empty()));
    }

    Mono<KeyRing.IssuedToken> token(String handleInput, String password) {
        var unauthorized = new ProblemException(401, "bad_credentials", "Unknown handle or wrong password.");
        if (!Handle.isValid(stripAt(handleInput)) || password == null) {
            return Mono.error(unauthorized);
        }
        return users.findByHandle(Handle.parse(handleInput).value())
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(found -> passwords.matches(password, found.map(UserRow::passwordHash).orElse(null))
                        .flatMap(ok -> ok && found.isPresent()
                                ? Mono.just(keys.issue(properties.issuer(), found.get().id(), found.get().handle(), "user", properties.tokenTtl()))
                                : Mono.error(unauthorized)));
    }

    Mono<Void> setPin(UserId user, String pin, String currentPin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_pin_format", "A PIN is 4 to 6 digits."));
        }
        return existing(user).flatMap(row -> {
            if (row.pinHash() == null) {
                return users.setPin(user, keys.pins().hash(user, pin));
            }
            if (currentPin == null || currentPin.isBlank()) {
                return Mono.error(ProblemException.badRequest("current_pin_required", "Changing a PIN needs the current one."));
            }
            return checkPin(user, currentPin).flatMap(check -> switch (check) {
                case PinCheck.Accepted a -> users.setPin(user, keys.pins().hash(user, pin));
                default -> Mono.error(pinProblem(check));
            });
        });
    }

    /** The problem a failed PIN check becomes at the API. */
    static ProblemException pinProblem(PinCheck check) {
        return switch (check) {
            case PinCheck.Rejected r -> new ProblemException(422, "invalid_pin", "Wrong PIN.", Map.of("attemptsLeft", r.attemptsLeft()));
            case PinCheck.Locked l -> new ProblemException(423, "pin_locked",
                    "Too many wrong PINs: the PIN is locked until " + l.until() + ".", Map.of("lockedUntil", l.until().toString()));
            case PinCheck.NotSet n -> ProblemException.unprocessable("pin_not_set", "Set a PIN first.");
            case PinCheck.Accepted a -> throw new IllegalArgumentException("not a failure");
        };
    }

    /** Changes the settings given (null: unchanged); at least one. */
    Mono<UserSummary> updateSettings(UserId user, String visibility, Boolean protectedAccount) {
        if (visibility == null && protectedAccount == null) {
            return Mono.error(ProblemException.badRequest("invalid_settings", "Give paymentVisibility, protected, or both."));
        }
        PaymentVisibility parsed = null;
        if (visibility != null) {
            try {
                parsed = PaymentVisibility.valueOf(visibility);
            } catch (IllegalArgumentException e) {
                return Mono.error(ProblemException.badRequest("invalid_visibility", "paymentVisibility is PUBLIC, FOLLOWERS or PRIVATE."));
            }
        }
        var visibilityChange = parsed == null ? Mono.<Void>empty() : users.setPaymentVisibility(user, parsed);
        var protectionChange = protectedAccount == null ? Mono.<Void>empty() : users.setProtected(user, protectedAccount);
        return existing(user).flatMap(row -> visibilityChange.then(protectionChange)).then(existing(user)).map(UserRow::summary);
    }

    Mono<UserRow> existing(UserId id) {
        return users.find(id).switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")));
    }

    @Override
    public Mono<UserSummary> find(UserId id) {
        return users.find(id).map(UserRow::summary);
    }

    @Override
    public Mono<UserSummary> findByHandle(Handle handle) {
        return users.findByHandle(handle.value()).map(UserRow::summary);
    }

    @Override
    public Mono<Map<UserId, UserSummary>> findAll(Collection<UserId> ids) {
        return users.findAll(ids).map(UserRow::summary).collectMap(UserSummary::id, Function.identity());
    }

    @Override
    public Mono<Map<String, UserSummary>> findByHandles(Collection<String> handles) {
        return users.findByHandles(handles.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet()))
                .map(UserRow::summary).collectMap(UserSummary::handle, Function.identity());
    }

    @Override
    public Mono<PinCheck> checkPin(UserId id, String pin) {
        return users.find(id).flatMap(row -> check(row, pin)).switchIfEmpty(Mono.fromSupplier(PinCheck.NotSet::new));
    }

    @Override
    public Mono<Map<UserId, PinCheck>> checkPins(Map<UserId, String> pins) {
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

    private Mono<PinCheck> check(UserRow row, String pin) {
        var id = row.id();
        if (row.pinHash() == null) {
            return Mono.just((PinCheck) new PinCheck.NotSet());
        }
        if (row.pinLockedUntil() != null && row.pinLockedUntil().isAfter(Instant.now())) {
            return Mono.just((PinCheck) new PinCheck.Locked(row.pinLockedUntil()));
        }
        var correct = pin != null && PIN.matcher(pin).matches() && keys.pins().matches(id, pin, row.pinHash());
        if (correct) {
            // The usual case, no failure to forget, costs no write (and no round trip on the payment's path).
            return row.pinFailedAttempts() == 0 ? Mono.just((PinCheck) new PinCheck.Accepted())
                    : users.resetPinFailures(id).thenReturn((PinCheck) new PinCheck.Accepted());
        }
        return users.recordPinFailure(id, properties.pinAttempts(), properties.pinLock()).map(failure ->
                failure.lockedUntil() != null && failure.lockedUntil().isAfter(Instant.now())
                        ? new PinCheck.Locked(failure.lockedUntil())
                        : new PinCheck.Rejected(properties.pinAttempts() - failure.failedAttempts()));
    }

    private static String displayName(String input) {
        var name = input == null ? "" : input.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 50 || name.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid_display_name", "A display name is 1 to 50 characters.");
        }
        return name;
    }

    private static String stripAt(String handle) {
        return handle != null && handle.strip().startsWith("@") ? handle.strip().substring(1) : handle == null ? null : handle.strip();
    }
}
