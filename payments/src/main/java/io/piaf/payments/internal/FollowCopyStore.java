package io.piaf.payments.internal;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/** Payments' copy of who follows whom (from messaging's events); the newest event about a pair wins. */
@Component
class FollowCopyStore {

    private final DatabaseClient db;

    FollowCopyStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> record(UserId follower, UserId followee, boolean following, Instant at) {
        return db.sql("""
                insert into payments.follow (follower_id, followee_id, following, changed_at) values ($1, $2, $3, $4)
                on conflict (follower_id, followee_id) do update set following = excluded.following, changed_at = excluded.changed_at
                where payments.follow.changed_at <= excluded.changed_at""")
                .bind(0, follower.value()).bind(1, followee.value()).bind(2, following).bind(3, at)
                .then();
    }

    /** Whether {@code viewer} follows {@code a} or {@code b}. */
    Mono<Boolean> followsEither(UserId viewer, UserId a, UserId b) {
        return db.sql("select exists (select 1 from payments.follow where follower_id = $1 and followee_id in ($2, $3) and following)")
                .bind(0, viewer.value()).bind(1, a.value()).bind(2, b.value())
                .map(r -> Boolean.TRUE.equals(r.get(0, Boolean.class))).one();
    }
}
