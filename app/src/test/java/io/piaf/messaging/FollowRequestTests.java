package io.piaf.messaging;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;

/**
 * Protected accounts: following one is a request it approves or declines, so that its FOLLOWERS posts reach only
 * people it chose. Public accounts keep the old contract: a follow at once, 204.
 */
@PiafTest
class FollowRequestTests {

    @Autowired Api api;
    Social social;

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @Test
    void following_a_public_account_is_immediate_and_answers_204() {
        var alice = api.signUp("open");
        var bob = api.signUp("fan");

        api.put(bob, "/api/users/" + alice.handle() + "/follow", Map.of()).exchange().expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(profile(bob, alice)).containsEntry("followedByMe", true).containsEntry("protected", false)
                .containsEntry("followRequested", false);
    }

    @Test
    void a_protected_account_approves_a_request_before_its_followers_posts_reach_the_requester() {
        var alice = protectedUser("guarded");
        var bob = api.signUp("asker");
        var closed = (String) social.post(alice, "for the ones I chose", "FOLLOWERS").get("id");

        social.requestToFollow(bob, alice);
        social.requestToFollow(bob, alice);

        assertThat(profile(bob, alice)).containsEntry("protected", true).containsEntry("followedByMe", false)
                .containsEntry("followRequested", true).containsEntry("followersCount", 0);
        assertProblem(api.get(bob, "/api/posts/" + closed).exchange(), 404, "post_not_found");
        assertThat(social.timelineIds(bob)).doesNotContain(closed);
        var request = Social.items(social.get(alice, "/api/me/follow-requests")).get(0);
        assertThat(request).containsEntry("handle", bob.handle()).containsEntry("id", bob.id()).containsKey("requestedAt");
        var asked = social.awaitNotification(alice, "follow_requested");
        assertThat(asked.get("data")).isEqualTo(Map.of("follower", Map.of("id", bob.id(), "handle", bob.handle())));

        social.approve(alice, bob);

        assertThat(profile(bob, alice)).containsEntry("followedByMe", true).containsEntry("followRequested", false)
                .containsEntry("followersCount", 1);
        assertThat(social.get(bob, "/api/posts/" + closed)).containsEntry("id", closed);
        assertThat(social.timelineIds(bob)).contains(closed);
        assertThat(Social.items(social.get(alice, "/api/me/follow-requests"))).isEmpty();
        var approved = social.awaitNotification(bob, "follow_approved");
        assertThat(approved.get("data")).isEqualTo(Map.of("followee", Map.of("id", alice.id(), "handle", alice.handle())));
        // Alice approved: she is not told of a "new follower", and was asked once however often Bob clicked.
        assertThat(Social.items(social.get(alice, "/api/notifications"))).extracting(n -> n.get("type"))
                .containsExactly("follow_requested");
    }

    @Test
    void a_declined_or_withdrawn_request_leaves_no_follow() {
        var alice = protectedUser("guarded");
        var bob = api.signUp("declined");
        var carol = api.signUp("withdrawn");

        social.requestToFollow(bob, alice);
        social.requestToFollow(carol, alice);
        api.post(alice, "/api/me/follow-requests/" + bob.handle() + "/decline", Map.of()).exchange().expectStatus().isNoContent();
        social.unfollow(carol, alice);

        assertThat(Social.items(social.get(alice, "/api/me/follow-requests"))).isEmpty();
        assertThat(profile(bob, alice)).containsEntry("followedByMe", false).containsEntry("followRequested", false);
        assertThat(profile(carol, alice)).containsEntry("followRequested", false);
        assertProblem(api.post(alice, "/api/me/follow-requests/" + bob.handle() + "/approve", Map.of()).exchange(),
                404, "follow_request_not_found");
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> Social.items(social.get(bob, "/api/notifications")).isEmpty());
    }

    @Test
    void nobody_answers_a_request_made_to_someone_else() {
        var alice = protectedUser("guarded");
        var bob = api.signUp("asker");
        var mallory = protectedUser("mallory");
        social.requestToFollow(bob, alice);

        assertProblem(api.post(mallory, "/api/me/follow-requests/" + bob.handle() + "/approve", Map.of()).exchange(),
                404, "follow_request_not_found");
        assertProblem(api.post(mallory, "/api/me/follow-requests/" + bob.handle() + "/decline", Map.of()).exchange(),
                404, "follow_request_not_found");
        assertThat(Social.items(social.get(mallory, "/api/me/follow-requests"))).isEmpty();
        assertThat(profile(bob, alice)).containsEntry("followRequested", true);
    }

    @Test
    void protecting_an_account_keeps_its_followers_and_requests_page_newest_first() {
        var alice = api.signUp("becoming");
        var early = api.signUp("early");
        social.follow(early, alice);
        social.settings(alice, Map.of("protected", true));
        var askers = new User[] { api.signUp("ask1"), api.signUp("ask2"), api.signUp("ask3") };
        for (var asker : askers) {
            social.requestToFollow(asker, alice);
        }

        assertThat(profile(early, alice)).containsEntry("followedByMe", true);
        assertThat(social.all(alice, "/api/me/follow-requests", 2)).extracting(r -> r.get("handle"))
                .containsExactly(askers[2].handle(), askers[1].handle(), askers[0].handle());
        assertProblem(api.get(alice, "/api/me/follow-requests?cursor=abc").exchange(), 400, "invalid_cursor");

        // Public again: a new follow is immediate, and answers a pending request of the same person.
        social.settings(alice, Map.of("protected", false));
        social.follow(askers[0], alice);
        assertThat(social.all(alice, "/api/me/follow-requests", 10)).extracting(r -> r.get("handle"))
                .containsExactly(askers[2].handle(), askers[1].handle());
    }

    private User protectedUser(String prefix) {
        var user = api.signUp(prefix);
        social.settings(user, Map.of("protected", true));
        return user;
    }

    private Map<String, Object> profile(User reader, User user) {
        return social.get(reader, "/api/users/" + user.handle());
    }
}
