package io.piaf.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.platform.logging.RequestLogs;
import reactor.core.publisher.Mono;

/**
 * Refresh tokens, rotated on each use (OAuth 2.0 Security BCP, RFC 9700 §4.14): a sign-in starts a family; each
 * refresh marks the token used and issues the next one of the family. A used token presented again means a copy
 * is being replayed — by the thief or by the user after the thief — so the whole family is revoked and both must
 * sign in again. Only a SHA-256 of each token is stored: a token is 256 random bits, which no dictionary holds.
 */
@Component
class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Issued(String token, UserId user, Instant expiresAt) {
    }

    private record Found(UUID family, UserId user, Instant expiresAt, Instant sessionExpiresAt, Instant usedAt, Instant revokedAt) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transactional;
    private final IdentityProperties properties;

    RefreshTokens(DatabaseClient db, ReactiveTransactionManager transactions, IdentityProperties properties) {
        this.db = db;
        this.transactional = TransactionalOperator.create(transactions);
        this.properties = properties;
    }

    /** A new family, at sign-in. */
    Mono<Issued> start(UserId user) {
        var now = Instant.now();
        return insert(UUID.randomUUID(), user, now, now.plus(properties.sessionMaxAge()));
    }

    /**
     * Exchanges a refresh token for the next one of its family; 401 {@code invalid_refresh_token} for an unknown,
     * expired or revoked one, and for a reused one after revoking its family.
     */
    Mono<Issued> rotate(String token) {
        var invalid = new ProblemException(401, "invalid_refresh_token", "The refresh token is not valid: sign in again.");
        if (token == null || token.isBlank() || token.length() > 100) {
            return Mono.error(invalid);
        }
        var hash = hash(token);
        Mono<Issued> rotation = find(hash).flatMap(found -> {
            var now = Instant.now();
            if (found.revokedAt() != null || !found.expiresAt().isAfter(now) || !found.sessionExpiresAt().isAfter(now)) {
                return Mono.error(invalid);
            }
            if (found.usedAt() != null) {
                return RequestLogs.traced(() -> log.warn("Refresh token reused: family {} of user {} revoked", found.family(), found.user()))
                        .then(revokeFamily(found.family())).then(Mono.error(invalid));
            }
            return db.sql("update identity.refresh_token set used_at = now() where token_hash = $1 and used_at is null")
                    .bind(0, hash).fetch().rowsUpdated()
                    .flatMap(updated -> updated == 1
                            ? insert(found.family(), found.user(), now, found.sessionExpiresAt())
                            // used by a concurrent request between our read and our write: a replay as well
                            : revokeFamily(found.family()).then(Mono.error(invalid)));
        }).switchIfEmpty(Mono.error(invalid));
        // A revocation must survive the 401 that follows it: the problem is raised after the commit.
        return transactional.transactional(rotation.map(Result::ok).onErrorResume(ProblemException.class, p -> Mono.just(Result.failed(p))))
                .flatMap(result -> result.problem() == null ? Mono.just(result.issued()) : Mono.error(result.problem()));
    }

    private record Result(Issued issued, ProblemException problem) {
        static Result ok(Issued issued) {
            return new Result(issued, null);
        }

        static Result failed(ProblemException problem) {
            return new Result(null, problem);
        }
    }

    /** Logout: the token's family can no longer be refreshed. Unknown tokens are ignored (logging out is idempotent). */
    Mono<Void> revoke(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Mono.empty();
        }
        return find(hash(token)).flatMap(found -> revokeFamily(found.family())).then();
    }

    /** Forgets families whose session has ended (a day later, so that a late replay is still recognised). */
    Mono<Long> purge() {
        return db.sql("delete from identity.refresh_token where session_expires_at < now() - interval '1 day'")
                .fetch().rowsUpdated();
    }

    private Mono<Issued> insert(UUID family, UserId user, Instant now, Instant sessionEnd) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var expires = now.plus(properties.refreshTokenTtl());
        var expiresAt = expires.isBefore(sessionEnd) ? expires : sessionEnd;
        return db.sql("""
                insert into identity.refresh_token (token_hash, family_id, user_id, expires_at, session_expires_at)
                values ($1, $2, $3, $4, $5)""")
                .bind(0, hash(token)).bind(1, family).bind(2, user.value()).bind(3, expiresAt).bind(4, sessionEnd)
                .then().thenReturn(new Issued(token, user, expiresAt));
    }

    private Mono<Found> find(byte[] hash) {
        return db.sql("""
                select family_id, user_id, expires_at, session_expires_at, used_at, revoked_at
                from identity.refresh_token where token_hash = $1""")
                .bind(0, hash)
                .map(r -> new Found(r.get(0, UUID.class), new UserId(r.get(1, UUID.class)), r.get(2, Instant.class),
                        r.get(3, Instant.class), r.get(4, Instant.class), r.get(5, Instant.class)))
                .one();
    }

    private Mono<Void> revokeFamily(UUID family) {
        return db.sql("update identity.refresh_token set revoked_at = now() where family_id = $1 and revoked_at is null")
                .bind(0, family).then();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
