package io.piaf.identity.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.piaf.identity.internal.domain.DisplayNames;
import io.piaf.identity.internal.domain.HandleSkeletons;
import io.piaf.identity.internal.domain.PasswordPolicy;
import io.piaf.outbox.Outbox;
import io.piaf.platform.ratelimit.RateLimits;
import reactor.core.publisher.Mono;

@Service
class IdentityService implements Identity {

    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** Who paid whom, and why, is the two parties' business unless the payer chooses otherwise. */
    static final PaymentVisibility DEFAULT_PAYMENT_VISIBILITY = PaymentVisibility.PRIVATE;

    private final UserStore users;
    private final Passwords passwords;
    private final PasswordPolicy passwordPolicy = PasswordPolicy.bundled();
    private final Pins pins;
    private final RefreshTokens refreshTokens;
    private final KeyRing keys;
    private final Outbox outbox;
    private final RateLimits rateLimits;
    private final TransactionalOperator transactional;
    private final IdentityProperties properties;
    private final List<String> reservedHandles;

    IdentityService(UserStore users, Passwords passwords, Pins pins, RefreshTokens refreshTokens, KeyRing keys,
            Outbox outbox, RateLimits rateLimits, ReactiveTransactionManager transactions, IdentityProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.pins = pins;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.outbox = outbox;
        this.rateLimits = rateLimits;
        this.transactional = TransactionalOperator.create(transactions);
        this.properties = properties;
        this.reservedHandles = properties.reservedHandles();
    }

    record SignUp(String handle, String password, String displayName, String phone) {
    }

    /** An access token and the refresh token that renews it. */
    record Session(KeyRing.IssuedToken access, RefreshTokens.Issued refresh) {
    }

    Mono<UserSummary> signUp(SignUp request) {
        var handle = Handle.parse(request.handle());
        var displayName = DisplayNames.require(request.displayName());
        passwordPolicy.require(request.password(), handle.value());
        var phone = request.phone() == null || request.phone().isBlank() ? null : request.phone().strip();
        if (phone != null && !PHONE.matcher(phone).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_phone", "A phone number is in international form, e.g. +33612345678."));
        }
        return refuseLookalike(handle)
                .then(passwords.hash(request.password()))
                .flatMap(hash -> register(UserRow.newAccount(UserId.random(), handle.value(), displayName, phone,
                        AccountKind.PERSON, hash, DEFAULT_PAYMENT_VISIBILITY, Instant.now())))
                .switchIfEmpty(Mono.error(() -> ProblemException.conflict("handle_taken", "@" + handle + " is taken.")));
    }

    /**
     * A handle that reads as a verified account's (a charity) or a reserved one ({@code a11ce} for {@code alice}, Unicode
     * TR39 skeletons) is refused, so that nobody can pass for them in a timeline or a payment challenge.
     */
    private Mono<Void> refuseLookalike(Handle handle) {
        return users.verifiedHandles().collectList().flatMap(verified -> {
            var protectedHandles = new java.util.ArrayList<>(reservedHandles);
            verified.stream().filter(h -> !h.equals(handle.value())).forEach(protectedHandles::add);
            Optional<String> impersonated = HandleSkeletons.impersonated(handle.value(), protectedHandles);
            return impersonated.isPresent()
                    ? Mono.error(ProblemException.conflict("handle_confusable",
                            "@" + handle + " reads like @" + impersonated.get() + ", a verified or reserved account: choose another."))
                    : Mono.empty();
        });
    }

    /** Inserts the user and announces it in one transaction; empty when the handle is taken. */
    Mono<UserSummary> register(UserRow user) {
        return transactional.transactional(users.insert(user).flatMap(inserted -> inserted
                ? outbox.append(new UserRegistered(user.id(), user.handle(), user.displayName(), user.kind(), user.createdAt()))
                        .thenReturn(user.summary())
                : Mono.empty()));
    }

    /**
     * Signs in. Attempts are limited per handle (whatever the address, so that a password cannot be guessed from many
     * addresses at once); the client address is limited at the web edge.
     */
    Mono<Session> token(String handleInput, String password) {
        var unauthorized = new ProblemException(401, "bad_credentials", "Unknown handle or wrong password.");
        if (!Handle.isValid(stripAt(handleInput)) || password == null) {
            return Mono.error(unauthorized);
        }
        var handle = Handle.parse(handleInput).value();
        return Mono.fromRunnable(() -> rateLimits.acquire("token-per-account", handle))
                .then(users.findByHandle(handle).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .flatMap(found -> passwords.matches(password, found.map(UserRow::passwordHash).orElse(null))
                        .flatMap(ok -> ok && found.isPresent() ? session(found.get()) : Mono.error(unauthorized)));
    }

    /** A new access token and the next refresh token of the same sign-in; see {@link RefreshTokens#rotate}. */
    Mono<Session> refresh(String refreshToken) {
        return refreshTokens.rotate(refreshToken).flatMap(next -> users.find(next.user())
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "invalid_refresh_token", "The account no longer exists.")))
                .map(user -> new Session(accessToken(user), next)));
    }

    Mono<Void> logout(String refreshToken) {
        return refreshTokens.revoke(refreshToken);
    }

    private Mono<Session> session(UserRow user) {
        return refreshTokens.start(user.id()).map(refresh -> new Session(accessToken(user), refresh));
    }

    private KeyRing.IssuedToken accessToken(UserRow user) {
        return keys.issue(properties.issuer(), user.id(), user.handle(), "user", properties.tokenTtl());
    }

    Mono<Void> setPin(UserId user, String pin, String currentPin, String password) {
        return existing(user).flatMap(row -> {
            // The password is checked there: guesses of it through this call count with sign-in attempts.
            rateLimits.acquire("token-per-account", row.handle());
            return pins.setPin(row, pin, currentPin, password);
        });
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
        return users.find(id).flatMap(row -> pins.check(row, pin)).switchIfEmpty(Mono.fromSupplier(PinCheck.NotSet::new));
    }

    @Override
    public Mono<Map<UserId, PinCheck>> checkPins(Map<UserId, String> pinsByUser) {
        return pins.checkAll(pinsByUser);
    }

    private static String stripAt(String handle) {
        return handle != null && handle.strip().startsWith("@") ? handle.strip().substring(1) : handle == null ? null : handle.strip();
    }
}
