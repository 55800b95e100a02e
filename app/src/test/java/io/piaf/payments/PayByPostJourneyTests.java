package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/**
 * Pay by post and in a DM end to end, over the public API only: the post, the payer's notification with the
 * challenge, the status on the post, the confirmation, both parties' notifications, and the receipt in the timelines
 * its visibility allows — with the amount for the two parties only.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class PayByPostJourneyTests {

    @Autowired Api api;
    Wallets wallets;
    Social social;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
        social = new Social(api);
    }

    @Test
    void a_post_pays_after_the_pin_and_leaves_a_receipt_whose_amount_only_the_parties_see() {
        var alice = wallets.payer("alice", "50.00");
        var bob = api.signUp("bob");
        var carol = api.signUp("carol");
        social.follow(carol, alice);
        // Payments are private by default; these two let their followers see theirs.
        social.settings(alice, Map.of("paymentVisibility", "FOLLOWERS"));
        social.settings(bob, Map.of("paymentVisibility", "FOLLOWERS"));

        var post = social.post(alice, "#envoyer 12,50€ @" + bob.handle() + " merci");
        var postId = (String) post.get("id");

        var requested = awaitNotification(alice, "payment_requested");
        var data = data(requested);
        var paymentId = (String) data.get("paymentId");
        assertThat(data).containsEntry("amount", "12.50").containsEntry("currency", "EUR")
                .containsEntry("source", "POST").containsEntry("sourceId", postId);
        assertThat((String) data.get("challenge")).contains("12.50").contains(bob.handle());
        assertThat(data.get("payee")).isEqualTo(Map.of("id", bob.id(), "handle", bob.handle()));
        await().atMost(Duration.ofSeconds(10)).until(() -> paymentOnPost(alice, postId)
                .equals(Optional.of(Map.of("id", paymentId, "status", "PENDING_CONFIRMATION"))));
        assertThat(social.get(carol, "/api/posts/" + postId)).doesNotContainKey("payment");

        wallets.confirm(alice, paymentId, Wallets.PIN).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETED");

        assertThat(wallets.balance(alice)).isEqualTo("37.50");
        assertThat(data(awaitNotification(bob, "payment_received"))).containsEntry("paymentId", paymentId).containsEntry("amount", "12.50");
        assertThat(data(awaitNotification(alice, "payment_completed"))).containsEntry("paymentId", paymentId);
        await().atMost(Duration.ofSeconds(10)).until(() -> paymentOnPost(alice, postId)
                .equals(Optional.of(Map.of("id", paymentId, "status", "COMPLETED"))));

        var seenByBob = awaitReceipt(bob, paymentId);
        assertThat(seenByBob).containsEntry("kind", "payment_receipt");
        assertThat(seenByBob.get("details")).isEqualTo(Map.of("paymentId", paymentId, "amount", "12.50", "currency", "EUR"));
        assertThat((String) seenByBob.get("text")).contains(alice.handle()).contains(bob.handle()).contains("merci");
        var seenByCarol = awaitReceipt(carol, paymentId);
        assertThat(seenByCarol).doesNotContainKey("details");
        assertThat(seenByCarol.toString()).doesNotContain("12.50");
    }

    @Test
    void a_payment_in_a_dm_goes_to_the_other_person_and_its_receipt_stays_private() {
        var alice = wallets.payer("dmpayer", "20.00");
        var bob = api.signUp("dmpayee");
        var carol = api.signUp("dmwatcher");
        social.follow(carol, alice);
        social.follow(carol, bob);

        api.post(alice, "/api/conversations/" + bob.handle() + "/messages", Map.of("text", "#envoyer 20€ pour le loyer"))
                .exchange().expectStatus().isCreated();
        var paymentId = (String) data(awaitNotification(alice, "payment_requested")).get("paymentId");
        wallets.confirm(alice, paymentId, Wallets.PIN).expectStatus().isOk();

        assertThat(awaitReceipt(bob, paymentId).get("details")).isEqualTo(Map.of("paymentId", paymentId, "amount", "20.00", "currency", "EUR"));
        awaitNotification(bob, "payment_received");
        assertThat(social.all(carol, "/api/timeline", 50)).noneMatch(item -> paymentId.equals(item.get("id")));
        api.get(carol, "/api/payments/" + paymentId).exchange().expectStatus().isNotFound();
    }

    @Test
    void a_command_that_cannot_pay_tells_its_author_why() {
        var alice = wallets.payer("overcap", "300.00");
        var bob = api.signUp("capped");

        social.post(alice, "#envoyer 260€ @" + bob.handle());

        var rejected = data(awaitNotification(alice, "payment_rejected"));
        assertThat(rejected).containsEntry("code", "limit_exceeded").containsEntry("source", "POST");
        assertThat(wallets.balance(alice)).isEqualTo("300.00");
    }

    private Map<String, Object> awaitNotification(User user, String type) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> Social.items(social.get(user, "/api/notifications?limit=50")).stream()
                        .filter(n -> type.equals(n.get("type"))).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private Map<String, Object> awaitReceipt(User user, String paymentId) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> social.all(user, "/api/timeline", 50).stream().filter(i -> paymentId.equals(i.get("id"))).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Optional<Object> paymentOnPost(User author, String postId) {
        return Optional.ofNullable(social.get(author, "/api/posts/" + postId).get("payment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> notification) {
        return (Map<String, Object>) notification.get("data");
    }
}
