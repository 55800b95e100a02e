package io.piaf.messaging;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.UserId;
import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** What payments asks of messaging: receipts in timelines, and an annotation on a pay-by-post post. */
@PiafTest
class TimelineItemTests {

    @Autowired Api api;
    @Autowired Messaging messaging;
    @Autowired ReactiveTransactionManager transactions;
    @Autowired DatabaseClient db;
    Social social;
    TransactionalOperator transactional;

    @BeforeEach
    void setUp() {
        social = new Social(api);
        transactional = TransactionalOperator.create(transactions);
    }

    @Test
    void a_receipt_reaches_the_parties_and_their_followers_and_only_parties_see_the_amount() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var aliceFan = api.signUp("alicefan");
        var bobFan = api.signUp("bobfan");
        var stranger = api.signUp("stranger");
        social.follow(aliceFan, alice);
        social.follow(bobFan, bob);

        var receipt = receipt(alice, bob, Visibility.FOLLOWERS);
        publish(receipt);

        for (var party : List.of(alice, bob)) {
            var item = only(social.get(party, "/api/timeline"));
            assertThat(item).containsEntry("kind", "payment_receipt").containsEntry("id", receipt.id().toString())
                    .containsEntry("text", "alice paid bob · pizza").containsEntry("visibility", "FOLLOWERS")
                    .containsEntry("details", Map.of("amount", "12.50", "currency", "EUR"));
            assertThat(item.get("author")).isEqualTo(Map.of("id", alice.id(), "handle", alice.handle(), "displayName", "alice"));
            assertThat((List<?>) item.get("parties")).hasSize(2);
        }
        for (var fan : List.of(aliceFan, bobFan)) {
            var item = only(social.get(fan, "/api/timeline"));
            assertThat(item).containsEntry("id", receipt.id().toString()).doesNotContainKey("details");
        }
        assertThat(Social.items(social.get(stranger, "/api/timeline"))).isEmpty();
        // On the actor's profile: for those who may see it.
        assertThat(Social.ids(social.get(aliceFan, "/api/users/" + alice.handle() + "/posts"))).containsExactly(receipt.id().toString());
        assertThat(Social.ids(social.get(stranger, "/api/users/" + alice.handle() + "/posts"))).isEmpty();
        // A receipt is not a post.
        assertProblem(api.get(alice, "/api/posts/" + receipt.id()).exchange(), 404, "post_not_found");
    }

    @Test
    void a_public_receipt_shows_on_the_actors_profile_to_anyone_without_the_amount() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var stranger = api.signUp("stranger");
        var receipt = receipt(alice, bob, Visibility.PUBLIC);
        publish(receipt);

        var item = only(social.get(stranger, "/api/users/" + alice.handle() + "/posts"));
        assertThat(item).containsEntry("kind", "payment_receipt").doesNotContainKey("details");
        assertThat(Social.items(social.get(stranger, "/api/timeline"))).isEmpty();
    }

    @Test
    void a_private_receipt_is_seen_by_its_parties_only() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var aliceFan = api.signUp("alicefan");
        social.follow(aliceFan, alice);
        var receipt = receipt(alice, bob, Visibility.PRIVATE);
        publish(receipt);

        assertThat(Social.ids(social.get(alice, "/api/timeline"))).containsExactly(receipt.id().toString());
        assertThat(Social.ids(social.get(bob, "/api/timeline"))).containsExactly(receipt.id().toString());
        assertThat(Social.ids(social.get(bob, "/api/users/" + alice.handle() + "/posts"))).containsExactly(receipt.id().toString());
        assertThat(Social.items(social.get(aliceFan, "/api/timeline"))).isEmpty();
        assertThat(Social.items(social.get(aliceFan, "/api/users/" + alice.handle() + "/posts"))).isEmpty();
    }

    @Test
    void publishing_the_same_item_twice_changes_nothing() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var receipt = receipt(alice, bob, Visibility.PUBLIC);

        publish(receipt);
        publish(receipt);

        assertThat(Social.ids(social.get(bob, "/api/timeline"))).containsExactly(receipt.id().toString());
        assertThat(db.sql("select count(*) from messaging.item where id = $1").bind(0, receipt.id())
                .map(r -> r.get(0, Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void a_receipt_published_in_a_transaction_that_rolls_back_leaves_nothing() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var receipt = receipt(alice, bob, Visibility.PUBLIC);

        var failed = transactional.transactional(messaging.publish(receipt).then(Mono.error(new IllegalStateException("payment failed"))));
        assertThat(failed.onErrorResume(e -> Mono.empty()).block()).isNull();

        assertThat(Social.items(social.get(bob, "/api/timeline"))).isEmpty();
    }

    @Test
    void an_annotation_shows_to_the_posts_author_only() {
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        social.follow(bob, alice);
        var post = social.post(alice, "#envoyer 5€ @" + bob.handle());
        var postId = new PostId(UUID.fromString((String) post.get("id")));
        var paymentId = UUID.randomUUID().toString();

        transactional.transactional(messaging.annotatePost(postId, "payment", Map.of("id", paymentId, "status", "PENDING_CONFIRMATION"))).block();

        var seenByAuthor = social.get(alice, "/api/posts/" + postId);
        assertThat(seenByAuthor).containsEntry("payment", Map.of("id", paymentId, "status", "PENDING_CONFIRMATION"));
        assertThat(only(social.get(alice, "/api/timeline"))).containsEntry("payment", Map.of("id", paymentId, "status", "PENDING_CONFIRMATION"));
        assertThat(social.get(bob, "/api/posts/" + postId)).doesNotContainKey("payment");
        assertThat(only(social.get(bob, "/api/timeline"))).doesNotContainKey("payment");

        messaging.annotatePost(postId, "payment", Map.of("id", paymentId, "status", "COMPLETED")).block();
        assertThat(social.get(alice, "/api/posts/" + postId)).containsEntry("payment", Map.of("id", paymentId, "status", "COMPLETED"));
    }

    @Test
    void malformed_items_and_annotations_are_refused() {
        var alice = api.signUp("alice");
        var bad = new TimelineItem(UUID.randomUUID(), "post", new UserId(UUID.fromString(alice.id())), Set.of(),
                Visibility.PUBLIC, "x", Map.of(), Instant.now());
        StepVerifier.create(messaging.publish(bad)).expectError(IllegalArgumentException.class).verify();
        var post = social.post(alice, "hi");
        var postId = new PostId(UUID.fromString((String) post.get("id")));
        StepVerifier.create(messaging.annotatePost(postId, "text", Map.of("x", "y"))).expectError(IllegalArgumentException.class).verify();
        StepVerifier.create(messaging.annotatePost(postId, "bad key", Map.of("x", "y"))).expectError(IllegalArgumentException.class).verify();
        assertThat(social.get(alice, "/api/posts/" + postId)).containsEntry("text", "hi");
        assertThat(db.sql("select count(*) from messaging.item where id = $1").bind(0, bad.id())
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    TimelineItem receipt(User payer, User payee, Visibility visibility) {
        var payerId = new UserId(UUID.fromString(payer.id()));
        var payeeId = new UserId(UUID.fromString(payee.id()));
        return new TimelineItem(UUID.randomUUID(), "payment_receipt", payerId, Set.of(payerId, payeeId), visibility,
                "alice paid bob · pizza", Map.of("amount", "12.50", "currency", "EUR"), Instant.now());
    }

    void publish(TimelineItem item) {
        transactional.transactional(messaging.publish(item)).block();
    }

    static Map<String, Object> only(Map<String, Object> page) {
        assertThat(Social.items(page)).hasSize(1);
        return Social.items(page).get(0);
    }
}
