package io.piaf.campaigns.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignRulesTests {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Duration MIN = Duration.ofMinutes(1);

    @ParameterizedTest(name = "pledged {0} of {1} at {2} bp → succeeded={3}, fee {4}, payout {5}")
    @CsvSource(textBlock = """
            10000, 10000, 500, true,  500, 9500
            10001, 10000, 500, true,  500, 9501
            9999,  10000, 500, false, 0,   0
            0,     10000, 500, false, 0,   0
            12345, 100,   500, true,  617, 11728
            12345, 100,   0,   true,  0,   12345
            """)
    void the_deadline_decides_all_or_nothing(long pledged, long goal, int bps, boolean succeeded, long fee, long payout) {
        assertThat(CampaignRules.outcome(pledged, goal, bps)).isEqualTo(new CampaignRules.Outcome(succeeded, pledged, fee, payout));
    }

    @Test
    void pledges_are_taken_before_the_deadline_at_the_rewards_minimum() {
        var deadline = NOW.plusSeconds(60);
        assertThat(CampaignRules.pledge(true, deadline, NOW, 500, null)).isEmpty();
        assertThat(CampaignRules.pledge(true, deadline, NOW, 2500, 2500L)).isEmpty();
        assertThat(CampaignRules.pledge(true, deadline, NOW, 2499, 2500L)).get().extracting(CampaignRules.Refusal::code).isEqualTo("below_reward_minimum");
        assertThat(CampaignRules.pledge(true, NOW, NOW, 500, null)).get().extracting(CampaignRules.Refusal::code).isEqualTo("campaign_closed");
        assertThat(CampaignRules.pledge(false, deadline, NOW, 500, null)).get().extracting(CampaignRules.Refusal::code).isEqualTo("campaign_closed");
    }

    @Test
    void a_backer_cancels_a_confirmed_pledge_before_the_deadline_only() {
        var deadline = NOW.plusSeconds(60);
        assertThat(CampaignRules.cancellation(true, deadline, NOW, "COMPLETED")).isEmpty();
        assertThat(CampaignRules.cancellation(true, deadline, NOW, "PENDING")).get().extracting(CampaignRules.Refusal::code).isEqualTo("pledge_pending");
        assertThat(CampaignRules.cancellation(true, deadline, NOW, "CANCELLED")).get().extracting(CampaignRules.Refusal::code).isEqualTo("pledge_not_active");
        assertThat(CampaignRules.cancellation(true, NOW, NOW, "COMPLETED")).get().extracting(CampaignRules.Refusal::code).isEqualTo("campaign_closed");
    }

    @Test
    void a_campaign_has_a_goal_a_deadline_far_enough_and_sane_tiers() {
        var ok = NOW.plus(Duration.ofDays(30));
        assertThat(CampaignRules.launch("Vin", "Un vin", 100, ok, List.of(new CampaignRules.Tier("Bouteille", 2500, 10)), NOW, MIN)).isEmpty();
        assertThat(CampaignRules.launch("Vin", "Un vin", 0, ok, List.of(), NOW, MIN)).get().extracting(CampaignRules.Refusal::code).isEqualTo("invalid_amount");
        assertThat(CampaignRules.launch("Vin", "Un vin", 100, NOW.plusSeconds(59), List.of(), NOW, MIN)).get().extracting(CampaignRules.Refusal::code).isEqualTo("invalid_deadline");
        assertThat(CampaignRules.launch("", "Un vin", 100, ok, List.of(), NOW, MIN)).get().extracting(CampaignRules.Refusal::code).isEqualTo("invalid_title");
        assertThat(CampaignRules.launch("Vin", " ", 100, ok, List.of(), NOW, MIN)).get().extracting(CampaignRules.Refusal::code).isEqualTo("invalid_description");
        assertThat(CampaignRules.launch("Vin", "Un vin", 100, ok, List.of(new CampaignRules.Tier("B", 0, null)), NOW, MIN)).get().extracting(CampaignRules.Refusal::code).isEqualTo("invalid_rewards");
        assertThat(CampaignRules.launch("Vin", "Un vin", 100, ok, List.of(new CampaignRules.Tier("B", 10, 0)), NOW, MIN)).get().extracting(CampaignRules.Refusal::code).isEqualTo("invalid_rewards");
    }
}
