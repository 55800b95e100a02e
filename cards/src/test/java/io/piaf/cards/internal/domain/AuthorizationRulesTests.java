package io.piaf.cards.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizationRulesTests {

    static final YearMonth NOW = YearMonth.of(2026, 11);
    static final YearMonth EXPIRY = YearMonth.of(2029, 11);
    static final Controls CONTROLS = new Controls(10_000, 15_000, Set.of("7995"), false, true, Set.of("US"));

    record Case(String name, CardStatus status, long spentToday, Authorization request, DeclineReason expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Authorization request(long amount, String mcc, String country, Channel channel, boolean cvcGiven, boolean cvcMatches) {
        return new Authorization(amount, mcc, country, channel, EXPIRY.getMonthValue(), EXPIRY.getYear(), cvcGiven, cvcMatches);
    }

    static final Authorization OK = request(1_000, "5812", "FR", Channel.CHIP, false, false);

    static List<Case> cases() {
        return List.of(
                new Case("an ordinary chip purchase", CardStatus.ACTIVE, 0, OK, null),
                new Case("zero", CardStatus.ACTIVE, 0, request(0, "5812", "FR", Channel.CHIP, false, false), DeclineReason.INVALID_AMOUNT),
                new Case("over the issuer's maximum", CardStatus.ACTIVE, 0, request(1_000_001, "5812", "FR", Channel.CHIP, false, false), DeclineReason.INVALID_AMOUNT),
                new Case("frozen", CardStatus.FROZEN, 0, OK, DeclineReason.CARD_FROZEN),
                new Case("cancelled", CardStatus.CANCELLED, 0, OK, DeclineReason.CARD_CANCELLED),
                new Case("expiry read wrong", CardStatus.ACTIVE, 0, new Authorization(1_000, "5812", "FR", Channel.CHIP, 10, 2029, false, false), DeclineReason.INCORRECT_EXPIRY),
                new Case("online without a cvc", CardStatus.ACTIVE, 0, request(1_000, "5812", "FR", Channel.ONLINE, false, false), DeclineReason.INCORRECT_CVC),
                new Case("a wrong cvc at a terminal", CardStatus.ACTIVE, 0, request(1_000, "5812", "FR", Channel.CHIP, true, false), DeclineReason.INCORRECT_CVC),
                new Case("online turned off", CardStatus.ACTIVE, 0, request(1_000, "5812", "FR", Channel.ONLINE, true, true), DeclineReason.CHANNEL_BLOCKED),
                new Case("gambling blocked", CardStatus.ACTIVE, 0, request(1_000, "7995", "FR", Channel.CHIP, false, false), DeclineReason.MCC_BLOCKED),
                new Case("country blocked", CardStatus.ACTIVE, 0, request(1_000, "5812", "US", Channel.CHIP, false, false), DeclineReason.COUNTRY_BLOCKED),
                new Case("over the per-transaction limit", CardStatus.ACTIVE, 0, request(10_001, "5812", "FR", Channel.CHIP, false, false), DeclineReason.LIMIT_EXCEEDED),
                new Case("at the per-transaction limit", CardStatus.ACTIVE, 0, request(10_000, "5812", "FR", Channel.CHIP, false, false), null),
                new Case("over the daily limit with today's spending", CardStatus.ACTIVE, 14_001, OK, DeclineReason.LIMIT_EXCEEDED),
                new Case("exactly the daily limit", CardStatus.ACTIVE, 14_000, OK, null),
                new Case("frozen wins over a blocked country", CardStatus.FROZEN, 0, request(1_000, "5812", "US", Channel.CHIP, false, false), DeclineReason.CARD_FROZEN));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decides(Case c) {
        assertThat(AuthorizationRules.decide(new CardState(c.status(), EXPIRY, CONTROLS, c.spentToday()), c.request(), NOW))
                .isEqualTo(Optional.ofNullable(c.expected()));
    }

    @ParameterizedTest
    @MethodSource("expiries")
    void an_expired_card_is_declined_from_the_month_after_its_expiry(YearMonth now, boolean declined) {
        assertThat(AuthorizationRules.decide(new CardState(CardStatus.ACTIVE, EXPIRY, CONTROLS, 0), OK, now))
                .isEqualTo(declined ? Optional.of(DeclineReason.EXPIRED_CARD) : Optional.empty());
    }

    static List<Object[]> expiries() {
        return List.of(new Object[] { EXPIRY, false }, new Object[] { EXPIRY.plusMonths(1), true }, new Object[] { NOW, false });
    }

    @ParameterizedTest
    @MethodSource("increments")
    void an_increment_counts_the_purchase_total_against_the_per_transaction_limit(CardStatus status, boolean singleUse, long authorized,
            long more, DeclineReason expected) {
        assertThat(AuthorizationRules.increment(status, singleUse, CONTROLS, 0, authorized, more)).isEqualTo(Optional.ofNullable(expected));
    }

    static List<Object[]> increments() {
        return List.of(new Object[] { CardStatus.ACTIVE, false, 8_000, 2_000, null },
                new Object[] { CardStatus.ACTIVE, false, 8_000, 2_001, DeclineReason.LIMIT_EXCEEDED },
                new Object[] { CardStatus.FROZEN, false, 1_000, 1, DeclineReason.CARD_FROZEN },
                new Object[] { CardStatus.CANCELLED, false, 1_000, 1, DeclineReason.CARD_CANCELLED },
                new Object[] { CardStatus.CANCELLED, true, 1_000, 1, null },
                new Object[] { CardStatus.ACTIVE, false, 1_000, 0, DeclineReason.INVALID_AMOUNT });
    }
}
