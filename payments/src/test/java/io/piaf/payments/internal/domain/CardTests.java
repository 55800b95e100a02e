package io.piaf.payments.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.piaf.common.ProblemException;

class CardTests {

    static final YearMonth NOW = YearMonth.of(2026, 11);

    @ParameterizedTest
    @CsvSource({ "4242424242424242, VISA, 4242", "4242 4242 4242 4242, VISA, 4242", "5555555555554444, MASTERCARD, 4444",
            "2223003122003222, MASTERCARD, 3222", "378282246310005, AMEX, 0005", "4000000000000002, VISA, 0002" })
    void recognises_brand_and_last4(String number, CardBrand brand, String last4) {
        var card = Card.of(number, 12, 2030, brand == CardBrand.AMEX ? "1234" : "123", NOW);
        assertThat(card.brand()).isEqualTo(brand);
        assertThat(card.last4()).isEqualTo(last4);
    }

    @Test
    void never_prints_the_number_or_the_cvc() {
        var card = Card.of("4242424242424242", 12, 2030, "987", NOW);
        assertThat(card.toString()).isEqualTo("visa •••• 4242").doesNotContain("424242424").doesNotContain("987");
    }

    @ParameterizedTest
    @ValueSource(strings = { "4242424242424241", "1234", "4242-4242-4242-424x", "", "42424242424242424242", "0000000000000001" })
    void a_number_failing_luhn_or_length_is_invalid(String number) {
        assertThatThrownBy(() -> Card.of(number, 12, 2030, "123", NOW))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_card"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = { "0, 2030", "13, 2030", "null, 2030", "12, null", "10, 2026", "12, 1999", "1, 2099" })
    void an_expired_or_malformed_expiry_is_invalid(Integer month, Integer year) {
        assertThatThrownBy(() -> Card.of("4242424242424242", month, year, "123", NOW))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_expiry"));
    }

    @Test
    void the_current_month_is_still_valid_and_two_digit_years_work() {
        assertThat(Card.of("4242424242424242", 11, 2026, "123", NOW).expiry()).isEqualTo(NOW);
        assertThat(Card.of("4242424242424242", 1, 30, "123", NOW).expiry()).isEqualTo(YearMonth.of(2030, 1));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = { "4242424242424242, 12", "4242424242424242, 1234", "4242424242424242, null",
            "4242424242424242, abc", "378282246310005, 123" })
    void a_cvc_has_the_brands_length(String number, String cvc) {
        assertThatThrownBy(() -> Card.of(number, 12, 2030, cvc, NOW))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_cvc"));
    }
}
