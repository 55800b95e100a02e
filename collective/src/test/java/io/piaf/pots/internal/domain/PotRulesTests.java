package io.piaf.pots.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.piaf.common.Slugs;

class PotRulesTests {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void an_open_pot_takes_contributions_until_it_is_closed_or_its_end_passes() {
        assertThat(PotRules.contribution(new PotRules.Pot(false, null), NOW)).isEmpty();
        assertThat(PotRules.contribution(new PotRules.Pot(false, NOW.plusSeconds(1)), NOW)).isEmpty();
        assertThat(PotRules.contribution(new PotRules.Pot(true, null), NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("pot_closed");
        assertThat(PotRules.contribution(new PotRules.Pot(false, NOW), NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("pot_ended");
        assertThat(new PotRules.Pot(false, NOW.minusSeconds(1)).status(NOW)).isEqualTo(PotRules.Status.CLOSED);
        assertThat(new PotRules.Pot(false, null).status(NOW)).isEqualTo(PotRules.Status.OPEN);
    }

    @Test
    void a_pot_has_a_title_a_positive_target_and_an_end_in_the_future() {
        assertThat(PotRules.creation("Anniv de Léa", null, 5000L, NOW.plus(Duration.ofDays(7)), NOW)).isEmpty();
        assertThat(PotRules.creation(" ", null, null, null, NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("invalid_title");
        assertThat(PotRules.creation("x".repeat(81), null, null, null, NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("invalid_title");
        assertThat(PotRules.creation("t", "d".repeat(1001), null, null, NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("invalid_description");
        assertThat(PotRules.creation("t", null, 0L, null, NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("invalid_amount");
        assertThat(PotRules.creation("t", null, null, NOW.minusSeconds(5), NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("invalid_end");
        assertThat(PotRules.creation("t", null, null, NOW.plus(Duration.ofDays(400)), NOW)).get().extracting(PotRules.Refusal::code).isEqualTo("invalid_end");
    }

    @Test
    void the_organiser_withdraws_all_or_part_of_what_the_pot_holds_never_more() {
        assertThat(PotRules.withdrawal(5000, null)).isEqualTo(new PotRules.Withdrawal(5000, null));
        assertThat(PotRules.withdrawal(5000, 1234L)).isEqualTo(new PotRules.Withdrawal(1234, null));
        assertThat(PotRules.withdrawal(5000, 5001L).refusal().code()).isEqualTo("insufficient_funds");
        assertThat(PotRules.withdrawal(0, null).refusal().code()).isEqualTo("insufficient_funds");
        assertThat(PotRules.withdrawal(5000, 0L).refusal().code()).isEqualTo("invalid_amount");
    }

    @Test
    void amounts_are_decimal_strings_with_at_most_two_decimals() {
        assertThat(PotAmounts.cents("10")).isEqualTo(1000);
        assertThat(PotAmounts.cents("12.5")).isEqualTo(1250);
        assertThat(PotAmounts.cents("0.01")).isEqualTo(1);
        for (var bad : new String[] { "0", "0.00", "-1", "1.234", "1e3", "", "abc", "10000000.01", "1 000" }) {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().as(bad).isThrownBy(() -> PotAmounts.cents(bad));
        }
    }

    @Test
    void slugs_come_from_titles_and_stay_addresses() {
        assertThat(Slugs.fromTitle("L'anniv de Léa !", "pot")).isEqualTo("l-anniv-de-lea");
        assertThat(Slugs.fromTitle("!!", "pot")).isEqualTo("pot");
        assertThat(Slugs.fromTitle("Zo", "pot")).isEqualTo("pot-zo");
        assertThat(Slugs.isValid(Slugs.fromTitle("Un très très très long titre de cagnotte pour tout le bureau", "pot"))).isTrue();
        assertThat(Slugs.isValid("-bad")).isFalse();
        assertThat(Slugs.isValid("ok-1")).isTrue();
    }
}
