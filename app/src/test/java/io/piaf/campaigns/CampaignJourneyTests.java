package io.piaf.campaigns;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/**
 * All-or-nothing over the public API: a campaign that reaches its goal pays its creator minus the fee shown up
 * front; one that misses refunds every backer; a backer cancels before the deadline; a limited tier is never oversold.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
@SuppressWarnings("unchecked")
class CampaignJourneyTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Wallets wallets;
    Social social;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
        social = new Social(api);
    }

    @Test
    void a_campaign_that_meets_its_goal_pays_its_creator_minus_the_fee_once_the_deadline_passes() {
        var creator = wallets.payer("vigneron", "0.00");
        var alice = wallets.payer("alice", "100.00");
        var bob = wallets.payer("bob", "100.00");
        var carol = wallets.payer("carol", "100.00");
        var campaign = launch(creator, "30.00", 600, List.of(Map.of("title", "Une bouteille", "minimum", Wallets.money("20.00"), "quantity", 1)));
        var id = (String) campaign.get("id");
        assertThat(campaign).containsEntry("status", "LIVE").containsEntry("feeRate", "0.05");
        var rewardId = (String) ((List<Map<String, Object>>) campaign.get("rewards")).getFirst().get("id");

        assertProblem(pledge(alice, id, Map.of("amount", Wallets.money("19.99"), "rewardId", rewardId)), 422, "below_reward_minimum");
        var alices = confirm(alice, pledge(alice, id, Map.of("amount", Wallets.money("20.00"), "rewardId", rewardId)));
        assertProblem(pledge(bob, id, Map.of("amount", Wallets.money("25.00"), "rewardId", rewardId)), 409, "sold_out");
        confirm(bob, pledge(bob, id, Map.of("amount", Wallets.money("15.00"))));
        var carols = confirm(carol, pledge(carol, id, Map.of("amount", Wallets.money("5.00"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> "40.00".equals(money(social.get(carol, "/api/campaigns/" + id), "pledged")));
        // the creator's public post naming the campaign is an update: listed on the campaign, told to each backer;
        // a backer's post naming it is not, and a deleted update leaves the list
        var slug = (String) campaign.get("slug");
        var update = (String) social.post(creator, "Bottling starts Monday, thank you all! @campagne/" + slug).get("id");
        social.post(bob, "Can't wait for @campagne/" + slug);
        api.await(alice, "campaign_update", 1);
        api.await(bob, "campaign_update", 1);
        var updates = (List<Map<String, Object>>) social.get(carol, "/api/campaigns/" + slug + "/updates").get("items");
        assertThat(updates).singleElement().satisfies(u -> assertThat(u).containsEntry("postId", update));
        api.delete(creator, "/api/posts/" + update).exchange().expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) social.get(alice, "/api/campaigns/" + id + "/updates").get("items")).isEmpty());
        api.delete(carol, "/api/campaigns/" + id + "/pledges/" + carols).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        assertThat(wallets.balance(carol)).isEqualTo("100.00");
        assertProblem(api.delete(bob, "/api/campaigns/" + id + "/pledges/" + carols).exchange(), 404, "pledge_not_found");

        deadlinePasses(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCEEDED".equals(social.get(creator, "/api/campaigns/" + id).get("status")));
        // 35.00 pledged, 5 % fee (1.75): the creator gets 33.25, once
        await().atMost(Duration.ofSeconds(10)).until(() -> wallets.balance(creator).equals("33.25"));
        assertThat(wallets.balance(alice)).isEqualTo("80.00");
        assertThat(wallets.balance(bob)).isEqualTo("85.00");
        // each backer whose pledge went to the creator is told; Carol, who cancelled, is not
        api.await(alice, "pledge_collected", 1);
        api.await(bob, "pledge_collected", 1);
        assertThat(Social.items(social.get(carol, "/api/notifications?limit=20")))
                .noneMatch(n -> "pledge_collected".equals(n.get("type")));
        assertProblem(pledge(bob, id, Map.of("amount", Wallets.money("1.00"))), 409, "campaign_closed");
        assertProblem(api.delete(alice, "/api/campaigns/" + id + "/pledges/" + alices).exchange(), 409, "campaign_closed");
    }

    @Test
    void a_campaign_that_misses_its_goal_refunds_every_backer() {
        var creator = wallets.payer("createur", "0.00");
        var backers = new ArrayList<User>();
        var campaign = launch(creator, "1000.00", 600, List.of());
        var id = (String) campaign.get("id");
        for (var i = 0; i < 4; i++) {
            var backer = wallets.payer("backer", "50.00");
            backers.add(backer);
            confirm(backer, pledge(backer, id, Map.of("amount", Wallets.money("10.0" + i))));
        }
        // by post, in French
        var poster = wallets.payer("poster", "50.00");
        backers.add(poster);
        social.post(poster, "#soutenir 12,50€ @campagne/" + campaign.get("slug"));
        api.await(poster, "payment_requested", 1);
        var requested = Social.items(social.get(poster, "/api/notifications?limit=10")).stream()
                .filter(n -> "payment_requested".equals(n.get("type"))).findFirst().orElseThrow();
        var paymentId = (String) ((Map<?, ?>) requested.get("data")).get("paymentId");
        wallets.confirm(poster, paymentId, Wallets.PIN).expectStatus().isOk();
        assertThat(wallets.balance(poster)).isEqualTo("37.50");
        await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) social.get(creator, "/api/campaigns/" + id).get("backers") == 5);
        deadlinePasses(id);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(social.get(creator, "/api/campaigns/" + id).get("status")));
        await().atMost(Duration.ofSeconds(10)).until(() -> backers.stream().allMatch(b -> wallets.balance(b).equals("50.00")));
        assertThat(wallets.balance(creator)).isEqualTo("0.00");
        api.await(creator, "campaign_settled", 1);
        backers.forEach(b -> api.await(b, "pledge_refunded", 1));
        backers.forEach(b -> assertThat(Social.items(social.get(b, "/api/notifications?limit=20")))
                .noneMatch(n -> "pledge_collected".equals(n.get("type"))));
    }

    @Test
    void a_limited_tier_is_never_oversold_when_many_pledge_at_once() {
        var creator = wallets.payer("tiers", "0.00");
        var id = (String) launch(creator, "10.00", 60, List.of(Map.of("title", "Limited", "minimum", Wallets.money("1.00"), "quantity", 3))).get("id");
        var reward = (String) ((List<Map<String, Object>>) social.get(creator, "/api/campaigns/" + id).get("rewards")).getFirst().get("id");
        var backers = new ArrayList<User>();
        for (var i = 0; i < 10; i++) {
            backers.add(wallets.payer("rush", "10.00"));
        }
        var statuses = Concurrently.run(10, i -> pledge(backers.get(i), id, Map.of("amount", Wallets.money("2.00"), "rewardId", reward))
                .returnResult(String.class).getStatus().value());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(((List<Map<String, Object>>) social.get(creator, "/api/campaigns/" + id).get("rewards")).getFirst()).containsEntry("remaining", 0);
    }

    @Test
    void bad_input_is_refused() {
        var creator = wallets.payer("bad", "10.00");
        var deadline = Instant.now().plusSeconds(3600).toString();
        assertProblem(api.post(creator, "/api/campaigns", Map.of("title", "x", "description", "d", "goal", Wallets.money("0"), "deadline", deadline)).exchange(), 400, "invalid_amount");
        assertProblem(api.post(creator, "/api/campaigns", Map.of("title", "x", "description", "d", "goal", Wallets.money("1.00"), "deadline", Instant.now().toString())).exchange(), 400, "invalid_deadline");
        assertProblem(api.post(creator, "/api/campaigns", Map.of("title", "x", "description", "d", "goal", Wallets.money("1.00"), "deadline", "tomorrow")).exchange(), 400, "invalid_deadline");
        assertProblem(api.post(creator, "/api/campaigns", Map.of("title", "x", "description", "d", "goal", Wallets.money("1.00"), "deadline", deadline,
                "rewards", List.of(Map.of("title", "r", "minimum", Wallets.money("1.00"), "quantity", 0)))).exchange(), 400, "invalid_rewards");
        var id = (String) launch(creator, "5.00", 3600, List.of()).get("id");
        assertProblem(pledge(creator, id, Map.of("amount", Wallets.money("1.00"))), 422, "self_payment");
        var other = wallets.payer("other", "10.00");
        assertProblem(pledge(other, id, Map.of("amount", Wallets.money("1.00"), "rewardId", UUID.randomUUID().toString())), 404, "reward_not_found");
        assertProblem(pledge(other, UUID.randomUUID().toString(), Map.of("amount", Wallets.money("1.00"))), 404, "campaign_not_found");
        assertProblem(pledge(other, id, Map.of("amount", Wallets.money("250.01"))), 422, "limit_exceeded");
        assertProblem(pledge(other, id, Map.of("amount", Map.of("amount", 1, "currency", "EUR"))), 400, "invalid_amount");
        assertThat(wallets.balance(other)).isEqualTo("10.00");
    }

    private Map<String, Object> launch(User creator, String goal, int seconds, List<Map<String, Object>> rewards) {
        return api.post(creator, "/api/campaigns", Map.of("title", "Cuvée " + UUID.randomUUID().toString().substring(0, 6),
                "description", "Un vin de la communauté", "goal", Wallets.money(goal),
                "deadline", Instant.now().plusSeconds(seconds).toString(), "rewards", rewards))
                .exchange().expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
    }

    /** Time travel: the deadline is now (launching needs it ahead, and a test should not wait for it). */
    private void deadlinePasses(String campaign) {
        db.sql("update campaigns.campaign set deadline = now() where id = $1::uuid").bind(0, campaign).then().block();
    }

    private WebTestClient.ResponseSpec pledge(User user, String campaign, Map<String, Object> body) {
        return api.http().post().uri("/api/campaigns/" + campaign + "/pledges").header("Authorization", user.bearer())
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Confirms the pledge's payment with the PIN; returns the pledge id. */
    private String confirm(User user, WebTestClient.ResponseSpec pledged) {
        var body = pledged.expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        wallets.confirm(user, (String) body.get("paymentId"), Wallets.PIN).expectStatus().isOk();
        return (String) body.get("id");
    }

    private static String money(Map<String, Object> body, String field) {
        return (String) ((Map<?, ?>) body.get(field)).get("amount");
    }
}
