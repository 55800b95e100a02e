package io.piaf.crypto.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.piaf.common.ProblemException;

class TokenRulesTests {

    private static final Map<String, Integer> EURP = Map.of("EURP", 2);

    @ParameterizedTest(name = "{0} with {1} decimals")
    @CsvSource(delimiter = '|', textBlock = """
            5       | 2 | 500
            5.2     | 2 | 520
            5.25    | 2 | 525
            0.01    | 2 | 1
            1000000 | 2 | 100000000
            1.5     | 18 | 1500000000000000000
            """)
    void amounts_parse_into_base_units(String text, int decimals, String base) {
        assertThat(TokenAmounts.parse(text, decimals)).isEqualTo(new BigInteger(base));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "5.255", "-1", "+1", "0", "0.00", "1e3", "1,5", " 5", "05", "1000000.01", "NaN", "", ".5", "5." })
    void bad_amounts_are_invalid(String text) {
        assertThatThrownBy(() -> TokenAmounts.parse(text, 2)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.code()).isEqualTo("invalid_amount"));
    }

    @Test
    void euro_value_of_eurp_is_one_to_one() {
        assertThat(TokenAmounts.euroCents(BigInteger.valueOf(1234), 2)).isEqualTo(1234);
        assertThat(TokenAmounts.fromEuroCents(1234, 2)).isEqualTo(BigInteger.valueOf(1234));
        assertThat(TokenAmounts.format(BigInteger.valueOf(5), 2)).isEqualTo("0.05");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            '#envoyer 5 EURP @bob'                | 500 | bob  | null
            '#send 2.50 EURP to @Bob for lunch'   | 250 | bob  | lunch
            '#payer 5,5 eurp à @bob'              | 550 | bob  | null
            '#envoyer 5EURP'                      | 500 | null | null
            'merci ! #pay 1 EURP @bob'            | 100 | bob  | merci !
            """)
    void token_commands_parse(String text, long base, String payee, String note) {
        assertThat(TokenCommandParser.parse(text, EURP))
                .isEqualTo(new TokenCommand.Parsed("EURP", BigInteger.valueOf(base), payee, note));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '#envoyer 5 ETH @bob'       | unsupported_token
            '#envoyer 5.001 EURP @bob'  | invalid_amount
            '#envoyer 0 EURP @bob'      | invalid_amount
            '#envoyer 5 EURP @ab'       | payee_not_found
            """)
    void bad_token_commands_are_refused(String text, String code) {
        assertThat(TokenCommandParser.parse(text, EURP)).isInstanceOfSatisfying(TokenCommand.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(code));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "#envoyer 5€ @bob", "#envoyer 5 EUR @bob", "#pay 20 USD @bob", "hello", "#don 5 EURP @acf",
            "#envoyer 5 EURP @bob #envoyer 6€ @carol", "#pay attention" })
    void euro_commands_and_several_commands_are_not_crypto_s(String text) {
        assertThat(TokenCommandParser.parse(text, EURP)).isEqualTo(new TokenCommand.None());
    }

    @Test
    void statuses_move_only_forward() {
        assertThat(OperationStatus.PENDING_CONFIRMATION.canBecome(OperationStatus.SUBMITTED)).isTrue();
        assertThat(OperationStatus.SUBMITTED.canBecome(OperationStatus.CONFIRMED)).isTrue();
        assertThat(OperationStatus.CONFIRMED.canBecome(OperationStatus.FAILED)).isFalse();
        assertThat(OperationStatus.FAILED.isFinal()).isTrue();
        assertThat(OperationStatus.PENDING.canBecome(OperationStatus.CANCELLED)).isFalse();
        assertThat(OperationStatus.before(OperationStatus.CONFIRMED)).containsExactly(OperationStatus.SUBMITTED);
    }

    @Test
    void sagas_refund_a_failed_buy_and_credit_a_confirmed_sell() {
        assertThat(Sagas.onFailed(Sagas.Kind.BUY)).isEqualTo(Sagas.Step.FAIL_AND_REFUND);
        assertThat(Sagas.onFailed(Sagas.Kind.SELL)).isEqualTo(Sagas.Step.FAIL);
        assertThat(Sagas.onConfirmed(Sagas.Kind.SELL)).isEqualTo(Sagas.Step.COMPLETE_AND_CREDIT);
        assertThat(Sagas.onConfirmed(Sagas.Kind.BUY)).isEqualTo(Sagas.Step.COMPLETE);
    }

    @Test
    void nonces_come_from_the_chain_once_then_from_piaf_and_never_go_back() {
        assertThat(Nonces.next(null, 7L)).isEqualTo(7);
        assertThat(Nonces.next(9L, null)).isEqualTo(9);
        assertThat(Nonces.next(9L, 12L)).isEqualTo(12); // spent outside Piaf
        assertThat(Nonces.next(9L, 4L)).isEqualTo(9);
        assertThatThrownBy(() -> Nonces.next(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_replacement_pays_at_least_an_eighth_more() {
        assertThat(Nonces.bumpedFee(BigInteger.valueOf(1000), BigInteger.valueOf(900))).isEqualTo(BigInteger.valueOf(1125));
        assertThat(Nonces.bumpedFee(BigInteger.valueOf(1000), BigInteger.valueOf(2000))).isEqualTo(BigInteger.valueOf(2000));
    }
}
