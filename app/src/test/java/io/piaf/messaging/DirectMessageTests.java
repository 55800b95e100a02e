package io.piaf.messaging;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;

@PiafTest
class DirectMessageTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Social social;

    @BeforeEach
    void setUp() {
        social = new Social(api);
    }

    @Test
    void two_people_share_one_conversation_whoever_writes_first() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");

        var first = send(alice, bob, "salut");
        var reply = send(bob, alice, "coucou");

        assertThat(first.get("conversationId")).isEqualTo(reply.get("conversationId"));
        assertThat(first).containsEntry("text", "salut").containsKeys("id", "sentAt");
        assertThat(first.get("from")).isEqualTo(Map.of("id", alice.id(), "handle", alice.handle(), "displayName", "alice"));
        assertThat(first.get("to")).isEqualTo(Map.of("id", bob.id(), "handle", bob.handle(), "displayName", "bob"));
        var seenByAlice = social.get(alice, "/api/conversations/" + bob.handle() + "/messages");
        var seenByBob = social.get(bob, "/api/conversations/" + alice.handle() + "/messages");
        assertThat(Social.ids(seenByAlice)).containsExactly((String) reply.get("id"), (String) first.get("id"));
        assertThat(seenByBob).isEqualTo(seenByAlice);

        var inbox = Social.items(social.get(alice, "/api/conversations"));
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0)).containsEntry("id", first.get("conversationId"));
        assertThat(((Map<?, ?>) inbox.get(0).get("with")).get("handle")).isEqualTo(bob.handle());
        assertThat(((Map<?, ?>) inbox.get(0).get("lastMessage")).get("text")).isEqualTo("coucou");
    }

    @Test
    void a_third_person_cannot_read_the_conversation() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var eve = api.signUp("eve");
        send(alice, bob, "secret");

        assertThat(Social.items(social.get(eve, "/api/conversations/" + alice.handle() + "/messages"))).isEmpty();
        assertThat(Social.items(social.get(eve, "/api/conversations/" + bob.handle() + "/messages"))).isEmpty();
        assertThat(Social.items(social.get(eve, "/api/conversations"))).isEmpty();
        assertThat(Social.items(social.get(eve, "/api/timeline"))).isEmpty();
    }

    @Test
    void a_thread_is_paginated_newest_first() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var sent = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            sent.add((String) send(i % 2 == 0 ? alice : bob, i % 2 == 0 ? bob : alice, "m" + i).get("id"));
        }

        var all = social.all(alice, "/api/conversations/" + bob.handle() + "/messages", 2);

        assertThat(all).extracting(m -> m.get("id")).containsExactlyElementsOf(sent.reversed());
        assertProblem(api.get(alice, "/api/conversations/" + bob.handle() + "/messages?cursor=" + io.piaf.common.Cursor.encode("i", 9)).exchange(),
                400, "invalid_cursor");
    }

    @Test
    void sending_announces_the_message() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var message = send(alice, bob, "#envoyer 20€");

        var count = db.sql("select count(*) from outbox.event where type = 'messaging.DirectMessageSent' "
                + "and payload ->> 'messageId' = $1 and payload ->> 'recipientHandle' = $2 and payload ->> 'text' = '#envoyer 20€'")
                .bind(0, message.get("id")).bind(1, bob.handle()).map(r -> r.get(0, Long.class)).one().block();
        assertThat(count).isEqualTo(1);
    }

    @Test
    void bad_messages_are_refused_and_write_nothing() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var path = "/api/conversations/" + bob.handle() + "/messages";

        assertProblem(api.post(alice, path, Map.of("text", " ")).exchange(), 400, "empty_text");
        assertProblem(api.post(alice, path, Map.of("text", "z".repeat(1001))).exchange(), 400, "text_too_long");
        assertProblem(api.post(alice, "/api/conversations/" + alice.handle() + "/messages", Map.of("text", "me")).exchange(), 400, "self_message");
        assertProblem(api.post(alice, "/api/conversations/ghost_" + alice.handle().substring(6) + "/messages", Map.of("text", "hi")).exchange(), 404, "user_not_found");
        assertProblem(api.post(alice, "/api/conversations/a!/messages", Map.of("text", "hi")).exchange(), 400, "invalid_handle");
        assertProblem(api.get(alice, "/api/conversations/ghost_" + alice.handle().substring(6) + "/messages").exchange(), 404, "user_not_found");

        assertThat(Social.items(social.get(alice, "/api/conversations"))).isEmpty();
        assertThat(db.sql("select count(*) from messaging.message where sender_id = $1::uuid").bind(0, alice.id())
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    Map<String, Object> send(User from, User to, String text) {
        return api.post(from, "/api/conversations/" + to.handle() + "/messages", Map.of("text", text))
                .exchange().expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
    }
}
