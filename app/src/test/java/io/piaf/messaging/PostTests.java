package io.piaf.messaging;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import tools.jackson.databind.json.JsonMapper;

@PiafTest
class PostTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired JsonMapper json;
    Social social;

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @Test
    void a_post_resolves_known_mentions_keeps_unknown_ones_as_text_and_lower_cases_tags() {
        var alice = api.signUp("alice");
        var michel = api.signUp("michel");
        var text = "  Coucou @" + michel.handle().toUpperCase() + " et @nobody_zz9 #Envoyer #café #envoyer mail a@b.fr  ";

        var post = social.post(alice, text);

        assertThat(post).containsEntry("kind", "post").containsEntry("text", text.strip())
                .containsEntry("visibility", "PUBLIC").containsKeys("id", "createdAt");
        assertThat(post.get("author")).isEqualTo(Map.of("id", alice.id(), "handle", alice.handle(), "displayName", "alice"));
        assertThat(post.get("mentions")).isEqualTo(List.of(Map.of("id", michel.id(), "handle", michel.handle())));
        assertThat(post.get("tags")).isEqualTo(List.of("envoyer", "café"));
        assertThat(social.get(michel, "/api/posts/" + post.get("id"))).isEqualTo(post);
    }

    @Test
    void publishing_announces_the_post_with_what_a_listener_needs() {
        var alice = api.signUp("alice");
        var michel = api.signUp("michel");

        var post = social.post(alice, "#envoyer 50€ @" + michel.handle(), "FOLLOWERS");

        var payload = db.sql("select payload::text from outbox.event where type = 'messaging.PostPublished' "
                + "and payload ->> 'postId' = $1").bind(0, post.get("id")).map(r -> r.get(0, String.class)).one().block();
        var event = json.readValue(payload, PostPublished.class);
        assertThat(event.authorId().toString()).isEqualTo(alice.id());
        assertThat(event.authorHandle()).isEqualTo(alice.handle());
        assertThat(event.text()).isEqualTo("#envoyer 50€ @" + michel.handle());
        assertThat(event.mentions()).extracting(Mention::handle).containsExactly(michel.handle());
        assertThat(event.tags()).containsExactly("envoyer");
        assertThat(event.visibility()).isEqualTo(Visibility.FOLLOWERS);
        assertThat(event.publishedAt()).isNotNull();
    }

    @Test
    void length_is_counted_in_code_points() {
        var alice = api.signUp("alice");
        var emoji = "🐦".repeat(280);

        assertThat(social.post(alice, emoji).get("text")).isEqualTo(emoji);
        assertProblem(api.post(alice, "/api/posts", Map.of("text", emoji + "x")).exchange(), 400, "text_too_long");
        assertThat(social.post(alice, "x".repeat(280)).get("text")).isEqualTo("x".repeat(280));
    }

    @Test
    void bad_posts_are_refused_and_write_nothing() {
        var alice = api.signUp("alice");
        var noText = new HashMap<String, Object>();
        noText.put("text", null);

        assertProblem(api.post(alice, "/api/posts", Map.of("text", "")).exchange(), 400, "empty_text");
        assertProblem(api.post(alice, "/api/posts", Map.of("text", "  \n ")).exchange(), 400, "empty_text");
        assertProblem(api.post(alice, "/api/posts", noText).exchange(), 400, "empty_text");
        assertProblem(api.post(alice, "/api/posts", Map.of("text", "y".repeat(281))).exchange(), 400, "text_too_long");
        assertProblem(api.post(alice, "/api/posts", Map.of("text", "nul\u0000")).exchange(), 400, "invalid_text");
        assertProblem(api.post(alice, "/api/posts", Map.of("text", "hi", "visibility", "PRIVATE")).exchange(), 400, "invalid_visibility");
        assertProblem(api.post(alice, "/api/posts", Map.of("text", "hi", "visibility", "FRIENDS")).exchange(), 400, "invalid_visibility");

        assertThat(db.sql("select count(*) from messaging.item where author_id = $1::uuid").bind(0, alice.id())
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
        assertThat(db.sql("select count(*) from outbox.event where type = 'messaging.PostPublished' and payload ->> 'authorId' = $1")
                .bind(0, alice.id()).map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void an_unknown_or_malformed_post_id_is_not_found() {
        var alice = api.signUp("alice");
        assertProblem(api.get(alice, "/api/posts/" + java.util.UUID.randomUUID()).exchange(), 404, "post_not_found");
        assertProblem(api.get(alice, "/api/posts/not-an-id").exchange(), 404, "post_not_found");
    }

    @Test
    void a_profile_lists_the_authors_posts_newest_first_in_pages() {
        var alice = api.signUp("alice");
        var reader = api.signUp("reader");
        var ids = new java.util.ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            ids.add((String) social.post(alice, "post " + i).get("id"));
        }

        var all = social.all(reader, "/api/users/" + alice.handle() + "/posts", 2);

        assertThat(all).extracting(p -> p.get("id")).containsExactlyElementsOf(ids.reversed());
        assertProblem(api.get(reader, "/api/users/" + alice.handle() + "/posts?cursor=" + io.piaf.common.Cursor.encode("m", 5)).exchange(),
                400, "invalid_cursor");
    }
}
