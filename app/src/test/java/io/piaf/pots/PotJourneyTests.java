package io.piaf.pots;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/**
 * A money pot end to end over the public API: opened with its announcement, fed by the button (PIN) and by a post,
 * each contributor's privacy honoured on the pot page, the organiser's withdrawals and closing, and the refusals.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class PotJourneyTests {

    @Autowired Api api;
    Wallets wallets;
    Social social;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
        social = new Social(api);
    }

    @Test
    void a_pot_collects_by_button_and_by_post_shows_each_contributor_as_they_chose_and_pays_its_organiser() {
        var lea = wallets.payer("lea", "0.00");
        var alice = wallets.payer("alice", "100.00");
        var bob = wallets.payer("bob", "100.00");
        var carol = api.signUp("carol");

        var pot = open(lea, Map.of("title", "Anniv de Léa", "target", Wallets.money("50.00"), "contributionVisibility", "PUBLIC"));
        var potId = (String) pot.get("id");
        var slug = (String) pot.get("slug");
        assertThat(pot).containsEntry("status", "OPEN").containsEntry("organiser", lea.handle()).containsEntry("address", "@pot/" + slug);
        assertThat(slug).startsWith("anniv-de-lea");
        await().atMost(Duration.ofSeconds(10)).until(() -> social.all(lea, "/api/timeline", 50).stream()
                .anyMatch(i -> potId.equals(i.get("id")) && ((String) i.get("text")).contains("@pot/" + slug)));

        // by button: alice, public; then the same Idempotency-Key and body replays the same contribution
        var key = UUID.randomUUID().toString();
        var byAlice = contribute(alice, potId, Map.of("amount", Wallets.money("20.00"), "note", "joyeux anniversaire"), key)
                .expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(byAlice).containsEntry("status", "PENDING_CONFIRMATION");
        assertThat(((Map<?, ?>) byAlice.get("challenge")).get("text").toString()).contains("20.00").contains("@pot/" + slug);
        var replay = contribute(alice, potId, Map.of("amount", Wallets.money("20.00"), "note", "joyeux anniversaire"), key)
                .expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(replay.get("paymentId")).isEqualTo(byAlice.get("paymentId"));
        assertProblem(contribute(alice, potId, Map.of("amount", Wallets.money("21.00")), key), 422, "idempotency_key_reused");
        wallets.confirm(alice, (String) byAlice.get("paymentId"), Wallets.PIN).expectStatus().isOk();

        // by post: bob (a public post names him and his amount, so his contribution shows both)
        social.post(bob, "#participer 12,50€ @pot/" + slug + " bon anniv");
        var requested = awaitNotification(bob, "payment_requested");
        var paymentId = (String) data(requested).get("paymentId");
        assertThat((String) data(requested).get("challenge")).contains("12.50").contains("pot/" + slug);
        wallets.confirm(bob, paymentId, Wallets.PIN).expectStatus().isOk();
        assertThat(wallets.balance(bob)).isEqualTo("87.50");

        await().atMost(Duration.ofSeconds(10)).until(() -> "32.50".equals(money(get(carol, "/api/pots/" + slug), "total")));
        var seenByCarol = get(carol, "/api/pots/" + potId);
        assertThat(seenByCarol).containsEntry("contributors", 2).doesNotContainKey("balance");
        var listForCarol = Social.items(get(carol, "/api/pots/" + potId + "/contributions"));
        assertThat(listForCarol).extracting(c -> c.get("contributor")).containsExactlyInAnyOrder(alice.handle(), bob.handle());
        var listForLea = Social.items(get(lea, "/api/pots/" + potId + "/contributions"));
        assertThat(listForLea).hasSize(2);
        assertThat(get(lea, "/api/pots/" + potId)).extracting(p -> money(p, "balance")).isEqualTo("32.50");

        // withdrawals: part, then the rest; nobody else can, and never more than the pot holds
        assertProblem(withdraw(alice, potId, Map.of("amount", Wallets.money("1.00"))), 404, "pot_not_found");
        assertProblem(withdraw(lea, potId, Map.of("amount", Wallets.money("40.00"))), 422, "insufficient_funds");
        // the same withdrawal sent four times at once with one key: withdrawn once, the same answer four times
        var withdrawalKey = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var answers = java.util.stream.IntStream.range(0, 4).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    withdraw(lea, potId, Map.of("amount", Wallets.money("10.00")), withdrawalKey).expectStatus().isCreated()
                            .expectBody(Social.JSON).returnResult().getResponseBody().get("id"), pool)).toList();
            assertThat(answers.stream().map(java.util.concurrent.CompletableFuture::join).distinct()).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(wallets.balance(lea)).isEqualTo("10.00");
        withdraw(lea, potId, Map.of()).expectStatus().isCreated().expectBody().jsonPath("$.amount.amount").isEqualTo("22.50");
        assertThat(wallets.balance(lea)).isEqualTo("32.50");

        // closing: no more contributions, by button or by post; someone else cannot close it
        assertProblem(api.post(alice, "/api/pots/" + potId + "/close", Map.of()).exchange(), 404, "pot_not_found");
        api.post(lea, "/api/pots/" + potId + "/close", Map.of()).exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        assertProblem(contribute(alice, potId, Map.of("amount", Wallets.money("5.00")), UUID.randomUUID().toString()), 409, "pot_closed");
        social.post(alice, "#chip in €5 to @pot/" + slug);
        assertThat(data(awaitNotification(alice, "pot_contribution_rejected"))).containsEntry("code", "pot_closed");
        assertThat(wallets.balance(alice)).isEqualTo("80.00");
    }

    @Test
    void private_choices_hold_on_every_read_path() {
        var lea = wallets.payer("lea", "0.00");
        var alice = wallets.payer("alice", "100.00");
        var bob = wallets.payer("bob", "100.00");
        var follower = api.signUp("fol");
        var stranger = api.signUp("str");
        social.follow(follower, lea);

        var followersPot = (String) open(lea, Map.of("title", "Resto", "contributionVisibility", "FOLLOWERS")).get("id");
        var hidden = (String) contribute(alice, followersPot, Map.of("amount", Wallets.money("33.33"), "anonymous", true, "hideAmount", true,
                "note", "from alice"), UUID.randomUUID().toString()).expectStatus().isCreated().expectBody(Social.JSON).returnResult()
                .getResponseBody().get("paymentId");
        wallets.confirm(alice, hidden, Wallets.PIN).expectStatus().isOk();
        var shown = (String) contribute(bob, followersPot, Map.of("amount", Wallets.money("4.00")), UUID.randomUUID().toString())
                .expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody().get("paymentId");
        wallets.confirm(bob, shown, Wallets.PIN).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) get(lea, "/api/pots/" + followersPot).get("contributors") == 2);

        assertThat(Social.items(get(stranger, "/api/pots/" + followersPot + "/contributions"))).isEmpty();
        var forFollower = Social.items(get(follower, "/api/pots/" + followersPot + "/contributions"));
        assertThat(forFollower).hasSize(2);
        var anonymous = forFollower.stream().filter(c -> Boolean.TRUE.equals(c.get("anonymous"))).findFirst().orElseThrow();
        assertThat(anonymous.get("contributor")).isNull();
        assertThat(anonymous.get("amount")).isNull();
        assertThat(anonymous.get("note")).isNull();
        assertThat(forFollower.toString()).doesNotContain(alice.handle()).doesNotContain("33.33").doesNotContain("from alice");
        var forAlice = Social.items(get(alice, "/api/pots/" + followersPot + "/contributions"));
        assertThat(forAlice.toString()).contains("33.33");
        var forLea = Social.items(get(lea, "/api/pots/" + followersPot + "/contributions"));
        assertThat(forLea.toString()).contains(alice.handle()).contains("33.33");

        // the contribution's receipt is private to the contributor and the organiser: no timeline shows it to others
        for (var viewer : List.of(follower, stranger)) {
            assertThat(social.all(viewer, "/api/timeline", 100).toString()).doesNotContain(hidden).doesNotContain("33.33");
            assertThat(social.all(viewer, "/api/users/" + alice.handle() + "/posts", 100).toString()).doesNotContain("33.33");
            assertThat(social.all(viewer, "/api/notifications", 100).toString()).doesNotContain("33.33");
        }
        // the organiser-only rule shows the list to nobody else
        var secretPot = (String) open(lea, Map.of("title", "Surprise", "contributionVisibility", "ORGANISER")).get("id");
        var id = (String) contribute(bob, secretPot, Map.of("amount", Wallets.money("2.00")), UUID.randomUUID().toString())
                .expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody().get("paymentId");
        wallets.confirm(bob, id, Wallets.PIN).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> Social.items(get(lea, "/api/pots/" + secretPot + "/contributions")).size() == 1);
        assertThat(Social.items(get(follower, "/api/pots/" + secretPot + "/contributions"))).isEmpty();
    }

    @Test
    void bad_input_is_refused_and_moves_nothing() {
        var lea = wallets.payer("lea", "0.00");
        var alice = wallets.payer("alice", "300.00");
        assertProblem(api.post(lea, "/api/pots", Map.of("title", "")).exchange(), 400, "invalid_title");
        assertProblem(api.post(lea, "/api/pots", Map.of("title", "x", "target", Wallets.money("-1"))).exchange(), 400, "invalid_amount");
        assertProblem(api.post(lea, "/api/pots", Map.of("title", "x", "endsAt", Instant.now().minusSeconds(60).toString())).exchange(), 400, "invalid_end");
        assertProblem(api.post(lea, "/api/pots", Map.of("title", "x", "contributionVisibility", "NOBODY")).exchange(), 400, "invalid_visibility");
        assertProblem(api.post(lea, "/api/pots", Map.of("title", "x", "slug", "A B")).exchange(), 400, "invalid_slug");
        var potId = (String) open(lea, Map.of("title", "Caps", "slug", "caps-" + UUID.randomUUID().toString().substring(0, 8))).get("id");

        assertProblem(contribute(alice, potId, Map.of("amount", Map.of("amount", 10, "currency", "EUR")), null), 400, "invalid_amount");
        assertProblem(contribute(alice, potId, Map.of("amount", Wallets.money("0.001")), null), 400, "invalid_amount");
        assertProblem(contribute(alice, potId, Map.of("amount", Map.of("amount", "1.00", "currency", "USD")), null), 400, "unsupported_currency");
        assertProblem(contribute(alice, potId, Map.of("amount", Wallets.money("250.01")), null), 422, "limit_exceeded");
        assertProblem(contribute(lea, potId, Map.of("amount", Wallets.money("1.00")), null), 422, "self_payment");
        assertProblem(contribute(alice, UUID.randomUUID().toString(), Map.of("amount", Wallets.money("1.00")), null), 404, "pot_not_found");
        assertProblem(api.get(alice, "/api/pots/no-such-pot-here").exchange(), 404, "pot_not_found");
        assertThat(wallets.balance(alice)).isEqualTo("300.00");
    }

    private Map<String, Object> open(User organiser, Map<String, Object> body) {
        return api.post(organiser, "/api/pots", body).exchange().expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec contribute(User user, String pot, Map<String, Object> body, String key) {
        var spec = api.http().post().uri("/api/pots/" + pot + "/contributions").header("Authorization", user.bearer())
                .contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec withdraw(User user, String pot, Map<String, Object> body) {
        return withdraw(user, pot, body, UUID.randomUUID().toString());
    }

    private WebTestClient.ResponseSpec withdraw(User user, String pot, Map<String, Object> body, String key) {
        return api.http().post().uri("/api/pots/" + pot + "/withdrawals").header("Authorization", user.bearer())
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private Map<String, Object> get(User user, String uri) {
        return social.get(user, uri);
    }

    private static String money(Map<String, Object> body, String field) {
        var money = (Map<?, ?>) body.get(field);
        return money == null ? null : (String) money.get("amount");
    }

    private Map<String, Object> awaitNotification(User user, String type) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> Social.items(social.get(user, "/api/notifications?limit=50")).stream()
                        .filter(n -> type.equals(n.get("type"))).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> notification) {
        return new HashMap<>((Map<String, Object>) notification.get("data"));
    }
}
