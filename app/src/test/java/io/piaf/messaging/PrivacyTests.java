package io.piaf.messaging;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;

/**
 * A FOLLOWERS post is invisible to non-followers on every read path, whether it was fanned out or is pulled at read
 * time. (Notifications and the live stream: see NotificationTests and NotificationStreamTests.)
 */
@PiafTest
class PrivacyTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Social social;

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @Test
    void a_followers_post_of_an_author_with_few_followers_is_hidden_from_non_followers_everywhere() {
        var author = api.signUp("author");
        var follower = api.signUp("follower");
        var outsider = api.signUp("outsider");
        social.follow(follower, author);
        assertHiddenFromOutsiders(author, follower, outsider);
    }

    @Test
    void a_followers_post_of_an_author_whose_followers_pull_is_hidden_from_non_followers_everywhere() {
        var author = api.signUp("author");
        var follower = api.signUp("follower");
        var outsider = api.signUp("outsider");
        social.follow(follower, author);
        social.follow(api.signUp("fan"), author);
        social.follow(api.signUp("fan"), author);
        assertHiddenFromOutsiders(author, follower, outsider);
    }

    void assertHiddenFromOutsiders(User author, User follower, User outsider) {
        var open = (String) social.post(author, "for everyone").get("id");
        var closed = (String) social.post(author, "for followers only", "FOLLOWERS").get("id");

        // Get by id: 404 for an outsider, as for a post that does not exist.
        assertThat(social.get(author, "/api/posts/" + closed)).containsEntry("visibility", "FOLLOWERS");
        assertThat(social.get(follower, "/api/posts/" + closed)).containsEntry("id", closed);
        assertProblem(api.get(outsider, "/api/posts/" + closed).exchange(), 404, "post_not_found");
        assertThat(social.get(outsider, "/api/posts/" + open)).containsEntry("id", open);

        // Profile posts.
        var profile = "/api/users/" + author.handle() + "/posts";
        assertThat(Social.ids(social.get(follower, profile))).containsExactly(closed, open);
        assertThat(Social.ids(social.get(outsider, profile))).containsExactly(open);

        // Home timelines.
        assertThat(social.timelineIds(follower)).containsExactly(closed, open);
        assertThat(social.timelineIds(outsider)).isEmpty();

        // Unfollowing hides it again on every path.
        social.unfollow(follower, author);
        assertProblem(api.get(follower, "/api/posts/" + closed).exchange(), 404, "post_not_found");
        assertThat(Social.ids(social.get(follower, profile))).containsExactly(open);
        assertThat(social.timelineIds(follower)).doesNotContain(closed);
    }

    @Test
    void a_timeline_row_left_by_a_race_with_an_unfollow_does_not_show_a_followers_post() {
        var author = api.signUp("author");
        var reader = api.signUp("reader");
        var closed = (String) social.post(author, "for followers only", "FOLLOWERS").get("id");
        var open = (String) social.post(author, "for everyone").get("id");
        // As if the fan-out had read the follow just before an unfollow committed.
        db.sql("insert into messaging.timeline (owner_id, seq) select $1::uuid, seq from messaging.item where id = any($2::uuid[])")
                .bind(0, reader.id()).bind(1, new String[] { closed, open }).then().block();

        assertThat(social.timelineIds(reader)).containsExactly(open);
    }

    @Test
    void the_same_page_size_holds_whatever_is_hidden() {
        var author = api.signUp("author");
        var reader = api.signUp("reader");
        for (var visibility : List.of("PUBLIC", "FOLLOWERS", "FOLLOWERS", "PUBLIC", "FOLLOWERS", "PUBLIC")) {
            social.post(author, visibility, visibility);
        }
        var page = social.get(reader, "/api/users/" + author.handle() + "/posts?limit=2");
        assertThat(Social.items(page)).extracting(p -> p.get("visibility")).containsExactly("PUBLIC", "PUBLIC");
        assertThat(social.all(reader, "/api/users/" + author.handle() + "/posts", 2)).hasSize(3);
    }
}
