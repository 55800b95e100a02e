package io.piaf.messaging.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;
import io.piaf.messaging.FollowRequested;
import io.piaf.messaging.UserFollowed;
import io.piaf.messaging.UserUnfollowed;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;

/**
 * Profiles and the follow graph. Following twice or unfollowing a stranger changes nothing and announces nothing.
 * Following a protected account asks it first: the follow exists once the account approves the request.
 */
@Service
class FollowService {

    private static final String EDGE_CURSOR = "f";
    private static final String REQUEST_CURSOR = "r";

    /** Where a follow stands after {@code PUT /api/users/{handle}/follow}. */
    enum FollowState {
        FOLLOWING, REQUESTED
    }

    private final FollowStore follows;
    private final Identity identity;
    private final Outbox outbox;
    private final MessagingProperties properties;
    private final TransactionalOperator transactional;

    FollowService(FollowStore follows, Identity identity, Outbox outbox, MessagingProperties properties,
            ReactiveTransactionManager transactions) {
        this.follows = follows;
        this.identity = identity;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<Map<String, Object>> profile(UserId reader, String handle) {
        return Users.byHandle(identity, handle).flatMap(user -> follows.relation(user.id(), reader).map(relation -> {
            var view = new LinkedHashMap<String, Object>(Users.brief(user));
            view.put("kind", user.kind().name());
            view.put("followersCount", relation.followers());
            view.put("followingCount", relation.following());
            view.put("followedByMe", relation.followedByReader());
            view.put("followsMe", relation.followsReader());
            view.put("protected", user.protectedAccount());
            view.put("followRequested", relation.requestedByReader());
            return view;
        }));
    }

    Mono<FollowState> follow(UserId caller, String handle) {
        return target(caller, handle).zipWith(Users.caller(identity, caller)).flatMap(users -> {
            var followee = users.getT1();
            var follower = users.getT2();
            var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (followee.protectedAccount()) {
                return transactional.transactional(follows.request(caller, followee.id(), at).flatMap(outcome -> switch (outcome) {
                    case ALREADY_FOLLOWING -> Mono.just(FollowState.FOLLOWING);
                    case ALREADY_REQUESTED -> Mono.just(FollowState.REQUESTED);
                    case REQUESTED -> outbox.append(new FollowRequested(caller, follower.handle(), followee.id(),
                            followee.handle(), at)).thenReturn(FollowState.REQUESTED);
                }));
            }
            return transactional.transactional(follows.follow(caller, followee.id(), at, properties.followBackfill())
                    .flatMap(changed -> changed
                            ? outbox.append(new UserFollowed(caller, follower.handle(), followee.id(), followee.handle(), at, false))
                            : Mono.empty()))
                    .thenReturn(FollowState.FOLLOWING);
        });
    }

    /** The caller, a protected account, lets {@code handle} follow them. 404 without a pending request. */
    Mono<Void> approve(UserId caller, String handle) {
        return Users.byHandle(identity, handle).zipWith(Users.caller(identity, caller)).flatMap(users -> {
            var requester = users.getT1();
            var target = users.getT2();
            var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return transactional.transactional(follows.approve(requester.id(), caller, at, properties.followBackfill())
                    .flatMap(found -> found
                            ? outbox.append(new UserFollowed(requester.id(), requester.handle(), caller, target.handle(), at, true))
                            : Mono.error(requestNotFound(handle))));
        });
    }

    /** The caller refuses {@code handle}'s request; the requester is not told. 404 without a pending request. */
    Mono<Void> decline(UserId caller, String handle) {
        return Users.byHandle(identity, handle).flatMap(requester -> follows.decline(requester.id(), caller))
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(requestNotFound(handle)));
    }

    /** The caller's pending follow requests, newest first. */
    Mono<Page<Map<String, Object>>> requests(UserId caller, Integer limitInput, String cursor) {
        var limit = Page.limit(limitInput);
        var after = edgeCursor(REQUEST_CURSOR, cursor);
        return follows.requests(caller, after, limit + 1).collectList()
                .flatMap(edges -> page(edges, limit, REQUEST_CURSOR, "requestedAt"));
    }

    private static ProblemException requestNotFound(String handle) {
        return ProblemException.notFound("follow_request_not_found", "No pending follow request from " + handle + ".");
    }

    Mono<Void> unfollow(UserId caller, String handle) {
        return target(caller, handle).flatMap(followee -> transactional.transactional(
                follows.unfollow(caller, followee.id()).flatMap(changed -> changed
                        ? outbox.append(new UserUnfollowed(caller, followee.id(), Instant.now().truncatedTo(ChronoUnit.MICROS)))
                        : Mono.empty())));
    }

    private Mono<UserSummary> target(UserId caller, String handle) {
        return Users.byHandle(identity, handle).flatMap(user -> user.id().equals(caller)
                ? Mono.error(ProblemException.badRequest("self_follow", "You cannot follow yourself."))
                : Mono.just(user));
    }

    Mono<Page<Map<String, Object>>> followers(String handle, Integer limit, String cursor) {
        return list(handle, limit, cursor, true);
    }

    Mono<Page<Map<String, Object>>> following(String handle, Integer limit, String cursor) {
        return list(handle, limit, cursor, false);
    }

    private Mono<Page<Map<String, Object>>> list(String handle, Integer limitInput, String cursor, boolean followers) {
        var limit = Page.limit(limitInput);
        var after = edgeCursor(EDGE_CURSOR, cursor);
        return Users.byHandle(identity, handle)
                .flatMap(user -> (followers ? follows.followers(user.id(), after, limit + 1)
                        : follows.following(user.id(), after, limit + 1)).collectList())
                .flatMap(edges -> page(edges, limit, EDGE_CURSOR, "followedAt"));
    }

    /** A page of users from edges read one beyond {@code limit}; {@code atName} names the edge's time. */
    private Mono<Page<Map<String, Object>>> page(List<FollowStore.Edge> edges, int limit, String cursorTag, String atName) {
        var more = edges.size() > limit;
        var shown = more ? edges.subList(0, limit) : edges;
        return identity.findAll(shown.stream().map(e -> new UserId(e.user())).toList()).map(users -> {
            var items = new ArrayList<Map<String, Object>>();
            for (var edge : shown) {
                var user = users.get(new UserId(edge.user()));
                if (user != null) {
                    var view = new LinkedHashMap<String, Object>(Users.brief(user));
                    view.put("kind", user.kind().name());
                    view.put(atName, edge.at());
                    items.add(view);
                }
            }
            var last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
            return new Page<Map<String, Object>>(List.copyOf(items), more ? encode(cursorTag, last) : null);
        });
    }

    private static String encode(String tag, FollowStore.Edge edge) {
        var micros = ChronoUnit.MICROS.between(Instant.EPOCH, edge.at());
        return Cursor.encode(tag, micros, edge.user());
    }

    private static FollowStore.Edge edgeCursor(String tag, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        var parts = Cursor.decode(cursor, 3);
        try {
            if (!parts.get(0).equals(tag)) {
                throw Cursor.invalid();
            }
            return new FollowStore.Edge(UUID.fromString(parts.get(2)), Instant.EPOCH.plus(Long.parseLong(parts.get(1)), ChronoUnit.MICROS));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw Cursor.invalid();
        }
    }
}
