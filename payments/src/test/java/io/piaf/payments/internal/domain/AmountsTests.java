package io.piaf.payments.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.piaf.common.ProblemException;
import io.piaf.payments.Money;

class AmountsTests {

    @ParameterizedTest(name = "\"{0}\" is {1} cents")
    @CsvSource({ "12.50, 1250", "12.5, 1250", "12, 1200", "0.01, 1", "0.10, 10", "1000000.00, 100000000", "250, 25000" })
    void parses_api_amounts(String text, long cents) {
        assertThat(Amounts.parse(text)).isEqualTo(cents);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = { "", " ", "0", "0.00", "-1", "-0.01", "+1", "1.", ".5", "1.234", "12,50", "1e3", "1E3",
            "NaN", "Infinity", "-Infinity", "0x10", " 12.50", "12.50 ", "012", "1 000", "1,000.00", "1000000.01",
            "9999999999", "99999999999999999999999", "12.50€", "€12.50", "١٢" })
    void refuses_anything_else(String text) {
        assertThatThrownBy(() -> Amounts.parse(text)).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.code()).isEqualTo("invalid_amount");
            assertThat(p.status()).isEqualTo(400);
        });
    }

    @Test
    void a_missing_amount_is_invalid() {
        assertThatThrownBy(() -> Amounts.parse(null)).isInstanceOf(ProblemException.class);
    }

    @Test
    void three_decimals_say_so() {
        assertThatThrownBy(() -> Amounts.parse("1.005")).hasMessageContaining("at most 2 decimals");
    }

    @ParameterizedTest
    @CsvSource({ "0, 0.00", "5, 0.05", "50, 0.50", "1250, 12.50", "-5, -0.05", "-1250, -12.50", "100000000, 1000000.00" })
    void formats_cents_as_decimal_strings(long cents, String text) {
        assertThat(Amounts.format(cents)).isEqualTo(text);
        assertThat(Money.eur(cents).decimal()).isEqualTo(text);
    }

    @Test
    void only_euros() {
        Amounts.requireEuro("EUR");
        for (var other : new String[] { "eur", "USD", "", null }) {
            assertThatThrownBy(() -> Amounts.requireEuro(other)).isInstanceOfSatisfying(ProblemException.class,
                    p -> assertThat(p.code()).isEqualTo("unsupported_currency"));
        }
    }
}
