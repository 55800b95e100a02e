package io.piaf.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;

/** The home timeline: fan-out on write, pull at read for authors over the threshold (3 in tests), cursors. */
@PiafTest
class TimelineTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Social social;

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @Test
    void the_home_timeline_holds_own_and_followed_authors_posts_newest_first() {
        var reader = api.signUp("reader");
        var followed = api.signUp("followed");
        var stranger = api.signUp("stranger");
        social.follow(reader, followed);

        var first = id(social.post(followed, "one"));
        var own = id(social.post(reader, "mine"));
        social.post(stranger, "not for you");
        var last = id(social.post(followed, "two", "FOLLOWERS"));

        assertThat(social.timelineIds(reader)).containsExactly(last, own, first);
        assertThat(social.timelineIds(followed)).containsExactly(last, first);
    }

    @Test
    void a_cursor_keeps_its_place_while_new_posts_arrive() {
        var reader = api.signUp("reader");
        var author = api.signUp("author");
        social.follow(reader, author);
        var older = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            older.add(id(social.post(author, "old " + i)));
        }

        var first = social.get(reader, "/api/timeline?limit=2");
        var newer = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            newer.add(id(social.post(author, "new " + i)));
        }
        var seen = new ArrayList<>(Social.ids(first));
        var cursor = (String) first.get("nextCursor");
        while (cursor != null) {
            var page = social.get(reader, "/api/timeline?limit=2&cursor=" + cursor);
            seen.addAll(Social.ids(page));
            cursor = (String) page.get("nextCursor");
        }

        assertThat(seen).containsExactlyElementsOf(older.reversed());
        assertThat(Social.ids(social.get(reader, "/api/timeline?limit=3"))).containsExactlyElementsOf(newer.reversed());
    }

    @Test
    void followers_of_an_author_over_the_threshold_pull_the_posts_at_read_time() {
        var star = api.signUp("star");
        var fans = List.of(api.signUp("fan"), api.signUp("fan"), api.signUp("fan"));
        var friend = api.signUp("friend");
        social.follow(fans.get(0), star);
        var fannedOut = id(social.post(star, "before fame"));
        social.follow(fans.get(1), star);
        social.follow(fans.get(2), star);
        social.follow(fans.get(0), friend);

        var pulled = id(social.post(star, "now famous"));
        var fromFriend = id(social.post(friend, "hello"));
        var pulledForFollowers = id(social.post(star, "only fans", "FOLLOWERS"));

        assertThat(fannedOut(fannedOut)).isTrue();
        assertThat(fannedOut(pulled)).isFalse();
        assertThat(social.timelineIds(fans.get(0))).containsExactly(pulledForFollowers, fromFriend, pulled, fannedOut);
        // fans 1 and 2 came after the first post: the backfill gave it to them.
        assertThat(social.timelineIds(fans.get(1))).containsExactly(pulledForFollowers, pulled, fannedOut);
        assertThat(social.timelineIds(star)).containsExactly(pulledForFollowers, pulled, fannedOut);
        // Pages cut through both paths without a gap or a repeat.
        assertThat(social.all(fans.get(0), "/api/timeline", 1)).extracting(i -> i.get("id"))
                .containsExactly(pulledForFollowers, fromFriend, pulled, fannedOut);

        social.unfollow(fans.get(0), star);
        assertThat(social.timelineIds(fans.get(0))).containsExactly(fromFriend);
    }

    @Test
    void a_new_follower_finds_the_latest_posts_and_an_unfollow_takes_them_away() {
        var reader = api.signUp("reader");
        var author = api.signUp("author");
        var old = id(social.post(author, "from before"));
        var hidden = id(social.post(author, "for followers", "FOLLOWERS"));

        social.follow(reader, author);
        assertThat(social.timelineIds(reader)).containsExactly(hidden, old);

        social.unfollow(reader, author);
        assertThat(social.timelineIds(reader)).isEmpty();
    }

    @Test
    void an_empty_timeline_has_no_next_cursor() {
        var loner = api.signUp("loner");
        var page = social.get(loner, "/api/timeline");
        assertThat(Social.items(page)).isEmpty();
        assertThat(page).doesNotContainKey("nextCursor");
        Social.assertProblem(api.get(loner, "/api/timeline?cursor=%%%").exchange(), 400, "invalid_cursor");
        Social.assertProblem(api.get(loner, "/api/timeline?limit=101").exchange(), 400, "invalid_limit");
    }

    boolean fannedOut(String postId) {
        return db.sql("select fanned_out from messaging.item where id = $1::uuid").bind(0, postId)
                .map(r -> r.get(0, Boolean.class)).one().block();
    }

    static String id(java.util.Map<String, Object> item) {
        return (String) item.get("id");
    }
}
