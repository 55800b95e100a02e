package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.piaf.common.ProblemException;

/** Money as every module's API reads it ({@link Money#fromApi}): the grammar, the bounds, the currency. */
class MoneyTests {

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({ "12.50, 1250", "7.5, 750", "20, 2000", "0.01, 1", "1000000, 100000000" })
    void amounts_are_decimal_strings_with_at_most_two_decimals(String amount, long cents) {
        assertThat(Money.fromApi(amount, "EUR").minorUnits()).isEqualTo(cents);
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "0.00", "-1", "1.005", "1e3", "1,50", " 1", "01", "1000000.01", "NaN", "" })
    void negative_zero_over_precise_or_odd_amounts_are_invalid_amount(String amount) {
        assertThatThrownBy(() -> Money.fromApi(amount, "EUR").minorUnits())
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_amount"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "USD", "eur", "" })
    void other_currencies_are_unsupported(String currency) {
        assertThatThrownBy(() -> Money.fromApi("1.00", currency))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("unsupported_currency"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 12 })
    void a_json_number_is_refused_as_invalid_amount(int number) {
        assertThatThrownBy(() -> Money.fromApi(number, "EUR"))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.code()).isEqualTo("invalid_amount"));
    }

    @ParameterizedTest
    @CsvSource({ "1250, 12.50", "-5, -0.05", "100, 1.00" })
    void money_writes_two_decimals(long cents, String decimal) {
        assertThat(Money.eur(cents).decimal()).isEqualTo(decimal);
    }
}
