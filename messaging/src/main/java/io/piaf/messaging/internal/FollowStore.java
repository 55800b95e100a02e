package io.piaf.messaging.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The follow graph and its counters. A change, its counters and its timeline effect are one statement. */
@Component
class FollowStore {

    /**
     * Follows unless already following; on a real change counts it and copies the followee's latest fanned-out
     * items into the follower's timeline (a new follower does not start from an empty page).
     */
    private static final String FOLLOW = """
            with ins as (
                insert into messaging.follow (follower_id, followee_id, created_at) values ($1, $2, $3)
                on conflict do nothing returning 1
            ), following as (
                insert into messaging.account_stats as s (user_id, following) select $1, 1 from ins
                on conflict (user_id) do update set following = s.following + 1
            ), followers as (
                insert into messaging.account_stats as s (user_id, followers) select $2, 1 from ins
                on conflict (user_id) do update set followers = s.followers + 1
            ), backfill as (
                insert into messaging.timeline (owner_id, seq)
                select $1, i.seq from ins, lateral (
                    select i.seq from messaging.item i
                    where i.author_id = $2 and i.fanned_out and i.visibility <> 'PRIVATE'
                    order by i.seq desc limit $4) i
                on conflict do nothing
            )
            select count(*) from ins""";

    /** Unfollows if following; on a real change uncounts it and takes the followee's items out of the timeline. */
    private static final String UNFOLLOW = """
            with del as (
                delete from messaging.follow where follower_id = $1 and followee_id = $2 returning 1
            ), following as (
                update messaging.account_stats set following = following - 1
                where user_id = $1 and exists (select 1 from del)
            ), followers as (
                update messaging.account_stats set followers = followers - 1
                where user_id = $2 and exists (select 1 from del)
            ), timeline as (
                delete from messaging.timeline t using messaging.item i
                where exists (select 1 from del) and t.owner_id = $1 and i.seq = t.seq
                  and $2 = any(i.members) and not ($1 = any(i.members))
            )
            select count(*) from del""";

    record Relation(long followers, long following, boolean followedByReader, boolean followsReader) {
    }

    record Edge(UUID user, Instant at) {
    }

    private final DatabaseClient db;

    FollowStore(DatabaseClient db) {
        this.db = db;
    }

    /** Emits whether this was a real change. */
    Mono<Boolean> follow(UserId follower, UserId followee, Instant at, int backfill) {
        return db.sql(FOLLOW).bind(0, follower.value()).bind(1, followee.value()).bind(2, at).bind(3, backfill)
                .map(row -> row.get(0, Long.class) > 0).one();
    }

    /** Emits whether this was a real change. */
    Mono<Boolean> unfollow(UserId follower, UserId followee) {
        return db.sql(UNFOLLOW).bind(0, follower.value()).bind(1, followee.value())
                .map(row -> row.get(0, Long.class) > 0).one();
    }

    Mono<Relation> relation(UserId user, UserId reader) {
        return db.sql("""
                select coalesce(s.followers, 0) as followers, coalesce(s.following, 0) as following,
                    exists (select 1 from messaging.follow where follower_id = $2 and followee_id = $1) as followed_by_reader,
                    exists (select 1 from messaging.follow where follower_id = $1 and followee_id = $2) as follows_reader
                from (select 1) one left join messaging.account_stats s on s.user_id = $1""")
                .bind(0, user.value()).bind(1, reader.value())
                .map(row -> new Relation(row.get("followers", Integer.class), row.get("following", Integer.class),
                        row.get("followed_by_reader", Boolean.class), row.get("follows_reader", Boolean.class)))
                .one();
    }

    /** Followers of {@code user}, newest first, after the cursor position ({@code null} for the first page). */
    Flux<Edge> followers(UserId user, Edge after, int limit) {
        return edges("followee_id", "follower_id", user, after, limit);
    }

    /** Who {@code user} follows, newest first. */
    Flux<Edge> following(UserId user, Edge after, int limit) {
        return edges("follower_id", "followee_id", user, after, limit);
    }

    private Flux<Edge> edges(String keyColumn, String otherColumn, UserId user, Edge after, int limit) {
        var order = " order by created_at desc, " + otherColumn + " desc limit ";
        var select = "select " + otherColumn + " as other, created_at from messaging.follow where " + keyColumn + " = $1";
        var spec = after == null
                ? db.sql(select + order + "$2").bind(0, user.value()).bind(1, limit)
                : db.sql(select + " and (created_at, " + otherColumn + ") < ($2, $3)" + order + "$4")
                        .bind(0, user.value()).bind(1, after.at()).bind(2, after.user()).bind(3, limit);
        return spec.map(row -> new Edge(row.get("other", UUID.class), row.get("created_at", Instant.class))).all();
    }
}
