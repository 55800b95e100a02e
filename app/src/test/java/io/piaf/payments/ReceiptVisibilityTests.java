package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/**
 * {@code GET /api/payments/{id}} shows a completed payment to exactly those who see its receipt in timelines: its
 * parties (with the amount), and others as the receipt's visibility allows (without it). New users' payments are
 * private until they choose otherwise.
 */
@PiafTest
class ReceiptVisibilityTests {

    @Autowired Api api;
    Wallets wallets;
    Social social;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
        social = new Social(api);
    }

    @ParameterizedTest(name = "payer's setting {0}")
    @ValueSource(strings = { "PUBLIC", "FOLLOWERS", "PRIVATE" })
    void a_payment_shows_to_whoever_its_receipt_shows_to(String visibility) {
        var alice = wallets.payer("payer", "10.00");
        var bob = api.signUp("payee");
        var follower = api.signUp("follower");
        var stranger = api.signUp("stranger");
        social.settings(alice, Map.of("paymentVisibility", visibility));
        social.settings(bob, Map.of("paymentVisibility", "PUBLIC"));
        social.follow(follower, alice);

        var id = completedAndPublished(alice, bob);

        assertThat(payment(bob, id)).containsEntry("status", "COMPLETED").containsEntry("visibility", visibility)
                .containsEntry("amount", Map.of("amount", "1.00", "currency", "EUR"));
        assertSeesReceipt(follower, alice, id, !visibility.equals("PRIVATE"));
        assertSeesReceipt(stranger, alice, id, visibility.equals("PUBLIC"));
    }

    @Test
    void a_protected_payers_receipt_reaches_only_approved_followers_whatever_its_setting() {
        var alice = wallets.payer("guarded", "10.00");
        var bob = api.signUp("payee");
        var approved = api.signUp("approved");
        var asking = api.signUp("asking");
        var stranger = api.signUp("stranger");
        social.settings(alice, Map.of("paymentVisibility", "PUBLIC", "protected", true));
        social.settings(bob, Map.of("paymentVisibility", "PUBLIC"));
        social.requestToFollow(approved, alice);
        social.approve(alice, approved);
        social.requestToFollow(asking, alice);

        var id = completedAndPublished(alice, bob);

        assertThat(payment(alice, id)).containsEntry("visibility", "FOLLOWERS");
        assertSeesReceipt(approved, alice, id, true);
        assertSeesReceipt(asking, alice, id, false);
        assertSeesReceipt(stranger, alice, id, false);

        social.approve(alice, asking);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(asking, id) == 200);
        assertSeesReceipt(asking, alice, id, true);
    }

    @Test
    void a_new_users_payments_are_private_and_the_payer_is_told_so_before_confirming() {
        var alice = wallets.payer("newcomer", "10.00");
        var bob = api.signUp("payee");
        var fan = api.signUp("fan");
        social.follow(fan, alice);
        assertThat(social.get(alice, "/api/me")).extracting("settings").isEqualTo(Map.of("paymentVisibility", "PRIVATE", "protected", false));

        var id = wallets.request(alice, bob.handle(), "1.00");
        assertThat(payment(alice, id)).containsEntry("status", "PENDING_CONFIRMATION").containsEntry("visibility", "PRIVATE");
        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isOk();
        awaitReceipt(bob, id);

        assertThat(payment(alice, id)).containsEntry("visibility", "PRIVATE");
        assertSeesReceipt(fan, alice, id, false);
    }

    /** Pays 1.00 from payer to payee, and waits until its receipt is published. */
    private String completedAndPublished(User payer, User payee) {
        var id = wallets.pay(payer, payee.handle(), "1.00");
        awaitReceipt(payee, id);
        return id;
    }

    private void awaitReceipt(User party, String paymentId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> social.timelineIds(party).contains(paymentId));
    }

    /** The payment by id, its receipt in the home timeline and on the payer's profile: all three agree. */
    private void assertSeesReceipt(User reader, User payer, String paymentId, boolean visible) {
        var profileIds = social.all(reader, "/api/users/" + payer.handle() + "/posts", 50).stream().map(i -> i.get("id")).toList();
        if (visible) {
            var receipt = payment(reader, paymentId);
            assertThat(receipt).containsEntry("status", "COMPLETED").containsEntry("from", payer.handle())
                    .doesNotContainKey("amount").doesNotContainKey("source");
            assertThat(profileIds).contains(paymentId);
        } else {
            assertThat(status(reader, paymentId)).isEqualTo(404);
            assertThat(profileIds).doesNotContain(paymentId);
            assertThat(social.timelineIds(reader)).doesNotContain(paymentId);
        }
    }

    private Map<String, Object> payment(User reader, String id) {
        return social.get(reader, "/api/payments/" + id);
    }

    private int status(User reader, String id) {
        return api.get(reader, "/api/payments/" + id).exchange().returnResult(String.class).getStatus().value();
    }
}
