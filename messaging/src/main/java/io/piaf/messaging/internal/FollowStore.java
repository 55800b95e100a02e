package io.piaf.messaging.internal;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The follow graph, its counters and the follow requests to protected accounts. A change, its counters and its timeline
 * effect are one statement.
 */
@Component
class FollowStore {

    /**
     * What a new follow (the rows of CTE {@code ins}, follower {@code $1}, followee {@code $2}) changes besides the
     * edge: the counters of both, and the followee's latest fanned-out items copied into the follower's timeline (a
     * new follower does not start from an empty page).
     */
    private static final String FOLLOW_EFFECTS = """
            following as (
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
            )""";

    /** Follows unless already following; a pending request of the pair, if any, is answered by the follow. */
    private static final String FOLLOW = """
            with ins as (
                insert into messaging.follow (follower_id, followee_id, created_at) values ($1, $2, $3)
                on conflict do nothing returning 1
            ), answered as (
                delete from messaging.follow_request where requester_id = $1 and target_id = $2
            ), """ + FOLLOW_EFFECTS + """

            select count(*) from ins""";

    /** Turns the pending request of {@code $1} to follow {@code $2} into a follow; nothing without a request. */
    private static final String APPROVE = """
            with req as (
                delete from messaging.follow_request where requester_id = $1 and target_id = $2 returning 1
            ), ins as (
                insert into messaging.follow (follower_id, followee_id, created_at) select $1, $2, $3 from req
                on conflict do nothing returning 1
            ), """ + FOLLOW_EFFECTS + """

            select (select count(*) from req) as requested, (select count(*) from ins) as followed""";

    /** Asks to follow, unless following already or asked already. */
    private static final String REQUEST = """
            with existing as (
                select 1 from messaging.follow where follower_id = $1 and followee_id = $2
            ), ins as (
                insert into messaging.follow_request (requester_id, target_id, created_at)
                select $1, $2, $3 where not exists (select 1 from existing)
                on conflict do nothing returning 1
            )
            select exists (select 1 from existing) as following, (select count(*) from ins) as requested_now""";

    /**
     * Unfollows if following (and withdraws a pending request); on a real unfollow uncounts it and takes the
     * followee's items out of the timeline.
     */
    private static final String UNFOLLOW = """
            with withdrawn as (
                delete from messaging.follow_request where requester_id = $1 and target_id = $2
            ), del as (
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

    record Relation(long followers, long following, boolean followedByReader, boolean followsReader,
            boolean requestedByReader) {
    }

    /** The answer to a follow request: whether it now exists, and whether this call made it. */
    enum RequestOutcome {
        ALREADY_FOLLOWING, REQUESTED, ALREADY_REQUESTED
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

    Mono<RequestOutcome> request(UserId requester, UserId target, Instant at) {
        return db.sql(REQUEST).bind(0, requester.value()).bind(1, target.value()).bind(2, at)
                .map(row -> Boolean.TRUE.equals(row.get("following", Boolean.class)) ? RequestOutcome.ALREADY_FOLLOWING
                        : row.get("requested_now", Long.class) > 0 ? RequestOutcome.REQUESTED : RequestOutcome.ALREADY_REQUESTED)
                .one();
    }

    /** Emits whether there was a request to approve. */
    Mono<Boolean> approve(UserId requester, UserId target, Instant at, int backfill) {
        return db.sql(APPROVE).bind(0, requester.value()).bind(1, target.value()).bind(2, at).bind(3, backfill)
                .map(row -> row.get("requested", Long.class) > 0).one();
    }

    /** Emits whether there was a request to decline. */
    Mono<Boolean> decline(UserId requester, UserId target) {
        return db.sql("delete from messaging.follow_request where requester_id = $1 and target_id = $2")
                .bind(0, requester.value()).bind(1, target.value())
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Emits whether this was a real change. */
    Mono<Boolean> unfollow(UserId follower, UserId followee) {
        return db.sql(UNFOLLOW).bind(0, follower.value()).bind(1, followee.value())
                .map(row -> row.get(0, Long.class) > 0).one();
    }

    /** How many followers the user has now (0 for a user nobody ever followed). */
    Mono<Integer> followers(UserId user) {
        return db.sql("select coalesce((select followers from messaging.account_stats where user_id = $1), 0)")
                .bind(0, user.value()).map(row -> row.get(0, Integer.class)).one();
    }

    Mono<Relation> relation(UserId user, UserId reader) {
        return db.sql("""
                select coalesce(s.followers, 0) as followers, coalesce(s.following, 0) as following,
                    exists (select 1 from messaging.follow where follower_id = $2 and followee_id = $1) as followed_by_reader,
                    exists (select 1 from messaging.follow where follower_id = $1 and followee_id = $2) as follows_reader,
                    exists (select 1 from messaging.follow_request where requester_id = $2 and target_id = $1) as requested_by_reader
                from (select 1) one left join messaging.account_stats s on s.user_id = $1""")
                .bind(0, user.value()).bind(1, reader.value())
                .map(row -> new Relation(row.get("followers", Integer.class), row.get("following", Integer.class),
                        row.get("followed_by_reader", Boolean.class), row.get("follows_reader", Boolean.class),
                        row.get("requested_by_reader", Boolean.class)))
                .one();
    }

    /** Followers of {@code user}, newest first, after the cursor position ({@code null} for the first page). */
    Flux<Edge> followers(UserId user, Edge after, int limit) {
        return edges("messaging.follow", "followee_id", "follower_id", user, after, limit);
    }

    /** Who {@code user} follows, newest first. */
    Flux<Edge> following(UserId user, Edge after, int limit) {
        return edges("messaging.follow", "follower_id", "followee_id", user, after, limit);
    }

    /** Who asks to follow {@code user}, newest first. */
    Flux<Edge> requests(UserId user, Edge after, int limit) {
        return edges("messaging.follow_request", "target_id", "requester_id", user, after, limit);
    }

    private Flux<Edge> edges(String table, String keyColumn, String otherColumn, UserId user, Edge after, int limit) {
        var order = " order by created_at desc, " + otherColumn + " desc limit ";
        var select = "select " + otherColumn + " as other, created_at from " + table + " where " + keyColumn + " = $1";
        var spec = after == null
                ? db.sql(select + order + "$2").bind(0, user.value()).bind(1, limit)
                : db.sql(select + " and (created_at, " + otherColumn + ") < ($2, $3)" + order + "$4")
                        .bind(0, user.value()).bind(1, after.at()).bind(2, after.user()).bind(3, limit);
        return spec.map(row -> new Edge(row.get("other", UUID.class), row.get("created_at", Instant.class))).all();
    }
}
