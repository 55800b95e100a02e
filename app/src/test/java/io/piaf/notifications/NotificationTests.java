package io.piaf.notifications;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;

@PiafTest
class NotificationTests {

    @Autowired Api api;
    Social social;

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @Test
    void a_new_follower_is_notified_once() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");

        social.follow(bob, alice);
        social.follow(bob, alice);

        var item = awaitOne(alice);
        assertThat(item).containsOnlyKeys("id", "type", "createdAt", "read", "data")
                .containsEntry("type", "new_follower").containsEntry("read", false);
        assertThat(item.get("data")).isEqualTo(Map.of("follower", Map.of("id", bob.id(), "handle", bob.handle())));
        social.unfollow(bob, alice);
        social.follow(bob, alice);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications(alice).size() == 2);
    }

    @Test
    void a_mention_is_notified_to_those_who_may_see_the_post() {
        var alice = api.signUp("alice");
        var fan = api.signUp("fan");
        var stranger = api.signUp("stranger");
        social.follow(fan, alice);

        var post = social.post(alice, "@" + fan.handle() + " @" + stranger.handle() + " @" + alice.handle() + " entre nous", "FOLLOWERS");
        var item = awaitOne(fan);
        assertThat(item).containsEntry("type", "mention");
        assertThat(item.get("data")).isEqualTo(Map.of("postId", post.get("id"),
                "author", Map.of("id", alice.id(), "handle", alice.handle()), "text", post.get("text")));

        var open = social.post(alice, "@" + stranger.handle() + " pour tous");
        var forStranger = awaitOne(stranger);
        assertThat(((Map<?, ?>) forStranger.get("data")).get("postId")).isEqualTo(open.get("id"));
        // The author mentioning herself is not news to her (she has one notification: her new follower).
        assertThat(notifications(alice)).extracting(n -> n.get("type")).containsExactly("new_follower");
    }

    @Test
    void a_direct_message_is_notified_to_its_recipient() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var sent = api.post(alice, "/api/conversations/" + bob.handle() + "/messages", Map.of("text", "ça va ?"))
                .exchange().expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();

        var item = awaitOne(bob);
        assertThat(item).containsEntry("type", "direct_message");
        assertThat(item.get("data")).isEqualTo(Map.of("conversationId", sent.get("conversationId"), "messageId", sent.get("id"),
                "from", Map.of("id", alice.id(), "handle", alice.handle()), "text", "ça va ?"));
        assertThat(notifications(alice)).isEmpty();
    }

    @Test
    void notifications_are_paginated_newest_first_and_marked_read_by_id_or_up_to_one() {
        var bob = api.signUp("bob");
        for (int i = 0; i < 5; i++) {
            social.follow(api.signUp("fan" + i), bob);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications(bob).size() == 5);

        var all = social.all(bob, "/api/notifications", 2);
        var ids = all.stream().map(n -> (String) n.get("id")).toList();
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
        assertThat(ids.stream().map(Long::parseLong).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(social.get(bob, "/api/notifications")).containsEntry("unreadCount", 5);

        var afterIds = read(bob, Map.of("ids", List.of(ids.get(0))));
        assertThat(afterIds).containsEntry("unreadCount", 4);
        var afterUpTo = read(bob, Map.of("upTo", ids.get(2)));
        assertThat(afterUpTo).containsEntry("unreadCount", 1);
        assertThat(notifications(bob)).extracting(n -> n.get("read")).containsExactly(true, false, true, true, true);
        assertThat(read(bob, Map.of("upTo", ids.get(0)))).containsEntry("unreadCount", 0);
    }

    @Test
    void bad_requests_are_refused() {
        var bob = api.signUp("bob");
        assertProblem(api.post(bob, "/api/notifications/read", Map.of()).exchange(), 400, "nothing_to_mark");
        assertProblem(api.post(bob, "/api/notifications/read", Map.of("ids", List.of("x"))).exchange(), 400, "invalid_notification_id");
        assertProblem(api.get(bob, "/api/notifications?cursor=abc").exchange(), 400, "invalid_cursor");
        assertProblem(api.get(bob, "/api/notifications?limit=500").exchange(), 400, "invalid_limit");
        api.http().get().uri("/api/notifications").exchange().expectStatus().isUnauthorized();
    }

    Map<String, Object> read(User user, Map<String, Object> body) {
        return api.post(user, "/api/notifications/read", body).exchange().expectStatus().isOk()
                .expectBody(Social.JSON).returnResult().getResponseBody();
    }

    List<Map<String, Object>> notifications(User user) {
        return Social.items(social.get(user, "/api/notifications"));
    }

    Map<String, Object> awaitOne(User user) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !notifications(user).isEmpty());
        var items = notifications(user);
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
