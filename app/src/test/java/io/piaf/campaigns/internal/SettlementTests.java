package io.piaf.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/**
 * Settlement runs exactly once per pledge however many settlers run it at once (as two instances would, beside this
 * instance's own background settler).
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class SettlementTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired CampaignSettler settler;

    @Test
    void concurrent_settlers_refund_every_pledge_of_a_failed_campaign_exactly_once() {
        var wallets = new Wallets(api);
        var creator = wallets.payer("settle", "0.00");
        var campaign = (String) api.post(creator, "/api/campaigns", Map.of("title", "Once " + UUID.randomUUID().toString().substring(0, 6),
                "description", "d", "goal", Wallets.money("10000.00"), "deadline", Instant.now().plusSeconds(600).toString()))
                .exchange().expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody().get("id");
        var backers = new ArrayList<User>();
        for (var i = 0; i < 12; i++) {
            var backer = wallets.payer("once", "20.00");
            backers.add(backer);
            var pledge = api.http().post().uri("/api/campaigns/" + campaign + "/pledges").header("Authorization", backer.bearer())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("amount", Wallets.money("7.00"))).exchange()
                    .expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
            wallets.confirm(backer, (String) pledge.get("paymentId"), Wallets.PIN).expectStatus().isOk();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from campaigns.pledge where campaign_id = $1::uuid and status = 'COMPLETED'", campaign) == 12);

        db.sql("update campaigns.campaign set deadline = now() where id = $1::uuid").bind(0, campaign).then().block();
        Concurrently.run(4, i -> settler.settle().block(Duration.ofSeconds(30)));

        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from campaigns.pledge where campaign_id = $1::uuid and status = 'REFUNDED'", campaign) == 12);
        assertThat(count("select count(*) from campaigns.settlement where campaign_id = $1::uuid and done_at is not null", campaign)).isEqualTo(12);
        assertThat(count("""
                select count(*) from payments.transfer t join campaigns.pledge p on t.reference = p.id::text
                where t.kind = 'CAMPAIGN_REFUND' and p.campaign_id = $1::uuid""", campaign)).isEqualTo(12);
        assertThat(backers).allSatisfy(b -> assertThat(wallets.balance(b)).isEqualTo("20.00"));
        assertThat(wallets.balance(creator)).isEqualTo("0.00");
        // a second decision is a no-op: the campaign is no longer LIVE
        assertThat(settler.decideDue().block()).isZero();
        assertThat(settler.refundAll().block()).isZero();
    }

    private long count(String sql, String campaign) {
        return db.sql(sql).bind(0, campaign).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }
}
