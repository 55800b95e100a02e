package io.piaf.messaging;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;

@PiafTest
class ProfileAndFollowTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Social social;

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @Test
    void a_profile_shows_kind_counts_and_whether_the_caller_follows() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var carol = api.signUp("carol");
        social.follow(bob, alice);
        social.follow(carol, alice);
        social.follow(alice, bob);

        var seenByBob = social.get(bob, "/api/users/" + alice.handle());
        assertThat(seenByBob).containsEntry("id", alice.id()).containsEntry("handle", alice.handle())
                .containsEntry("displayName", "alice").containsEntry("kind", "PERSON")
                .containsEntry("followersCount", 2).containsEntry("followingCount", 1)
                .containsEntry("followedByMe", true).containsEntry("followsMe", true);
        var seenByCarol = social.get(carol, "/api/users/@" + alice.handle().toUpperCase());
        assertThat(seenByCarol).containsEntry("followedByMe", true).containsEntry("followsMe", false);
        var fresh = api.signUp("dave");
        assertThat(social.get(fresh, "/api/users/" + alice.handle())).containsEntry("followedByMe", false);
    }

    @Test
    void a_charity_profile_says_so() {
        var reader = api.signUp("reader");
        assertThat(social.get(reader, "/api/users/acf")).containsEntry("kind", "CHARITY")
                .containsEntry("displayName", "Action contre la Faim");
    }

    @Test
    void following_twice_is_one_follow_and_one_event_and_unfollowing_twice_is_one_unfollow() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");

        social.follow(bob, alice);
        social.follow(bob, alice);
        assertThat(social.get(bob, "/api/users/" + alice.handle())).containsEntry("followersCount", 1);
        assertThat(events("messaging.UserFollowed", "followerId", bob.id())).isEqualTo(1);

        social.unfollow(bob, alice);
        social.unfollow(bob, alice);
        assertThat(social.get(bob, "/api/users/" + alice.handle())).containsEntry("followersCount", 0)
                .containsEntry("followedByMe", false);
        assertThat(social.get(bob, "/api/users/" + bob.handle())).containsEntry("followingCount", 0);
        assertThat(events("messaging.UserUnfollowed", "followerId", bob.id())).isEqualTo(1);

        social.follow(bob, alice);
        assertThat(events("messaging.UserFollowed", "followerId", bob.id())).isEqualTo(2);
    }

    @Test
    void follower_and_following_lists_are_paginated_newest_first() {
        var star = api.signUp("star");
        var fans = new java.util.ArrayList<Api.User>();
        for (int i = 0; i < 5; i++) {
            var fan = api.signUp("fan" + i);
            social.follow(fan, star);
            fans.add(fan);
        }
        var reader = api.signUp("reader");

        var page = social.get(reader, "/api/users/" + star.handle() + "/followers?limit=2");
        assertThat(Social.items(page)).hasSize(2);
        assertThat(page.get("nextCursor")).isNotNull();
        var all = social.all(reader, "/api/users/" + star.handle() + "/followers", 2);
        assertThat(all).extracting(u -> u.get("handle"))
                .containsExactly(fans.reversed().stream().map(Api.User::handle).toArray());
        assertThat(all.get(0)).containsKeys("id", "displayName", "kind", "followedAt");

        var following = social.all(reader, "/api/users/" + fans.get(0).handle() + "/following", 1);
        assertThat(following).extracting(u -> u.get("handle")).containsExactly(star.handle());
    }

    @Test
    void bad_follows_are_refused_and_write_nothing() {
        var alice = api.signUp("alice");

        assertProblem(api.put(alice, "/api/users/" + alice.handle() + "/follow", Map.of()).exchange(), 400, "self_follow");
        assertProblem(api.put(alice, "/api/users/nobody_" + alice.handle().substring(6) + "/follow", Map.of()).exchange(), 404, "user_not_found");
        assertProblem(api.put(alice, "/api/users/no!/follow", Map.of()).exchange(), 400, "invalid_handle");
        assertProblem(api.delete(alice, "/api/users/x/follow").exchange(), 400, "invalid_handle");
        assertProblem(api.get(alice, "/api/users/nobody_" + alice.handle().substring(6)).exchange(), 404, "user_not_found");
        assertProblem(api.get(alice, "/api/users/" + alice.handle() + "/followers?cursor=garbage").exchange(), 400, "invalid_cursor");
        assertProblem(api.get(alice, "/api/users/" + alice.handle() + "/followers?limit=0").exchange(), 400, "invalid_limit");

        assertThat(social.get(alice, "/api/users/" + alice.handle()))
                .containsEntry("followersCount", 0).containsEntry("followingCount", 0);
        assertThat(db.sql("select count(*) from messaging.follow where follower_id = $1::uuid").bind(0, alice.id())
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
        assertThat(events("messaging.UserFollowed", "followerId", alice.id())).isZero();
    }

    @Test
    void profiles_need_a_token() {
        api.http().get().uri("/api/users/acf").exchange().expectStatus().isUnauthorized();
    }

    long events(String type, String field, String userId) {
        return db.sql("select count(*) from outbox.event where type = $1 and payload ->> $2 = $3")
                .bind(0, type).bind(1, field).bind(2, userId).map(r -> r.get(0, Long.class)).one().block();
    }
}
