package io.piaf.payments.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayCommandParserTests {

    /** Every form API.md lists, and the variants a user types. Columns: text | cents | payee | note | donation. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            '#envoyer 50€ @michel'                          | 5000 | michel | null            | false
            '#envoyer50€@michel'                            | 5000 | michel | null            | false
            '@piaf #envoyer 12,50 € @michel merci !'        | 1250 | michel | @piaf merci !    | false
            '#payer €7.5 @michel'                           |  750 | michel | null            | false
            '#envoyer 20 euros @michel'                     | 2000 | michel | null            | false
            '#envoyer 20 EUR @michel'                       | 2000 | michel | null            | false
            '#don 30€ @acf'                                 | 3000 | acf    | null            | true
            '#send €50 to @bob'                             | 5000 | bob    | null            | false
            '#pay 12.50 EUR @bob for pizza'                 | 1250 | bob    | pizza           | false
            '#ENVOYER 5€ @MICHEL'                           |  500 | michel | null            | false
            '#Envoyer 5 € @Michel'                          |  500 | michel | null            | false
            '#envoyer 1 euro @bob'                          |  100 | bob    | null            | false
            '#envoyer 0,05€ @bob'                           |    5 | bob    | null            | false
            '#envoyer 0.5 € @bob'                           |   50 | bob    | null            | false
            '#envoyer 007€ @bob'                            |  700 | bob    | null            | false
            '#envoyer 15 @bob'                              | 1500 | bob    | null            | false
            '#envoyer 250€ à @bob resto'                    |25000 | bob    | resto           | false
            '#envoyer EUR 20 @bob'                          | 2000 | bob    | null            | false
            'merci pour hier #envoyer 20€ @bob, à bientôt'  | 2000 | bob    | merci pour hier à bientôt | false
            '#pay 12.50 EUR @bob pour le ciné'              | 1250 | bob    | le ciné         | false
            '#envoyer 9999,99€ @bob'                        |999999| bob    | null            | false
            """)
    void accepts_the_listed_forms(String text, long cents, String payee, String note, boolean donation) {
        assertThat(PayCommandParser.parse(text)).isEqualTo(new PayCommand.Parsed(cents, payee, note, donation));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '#envoyer 12,50\u00A0€ @michel' | 1250
            '#envoyer 12,50\u202F€ @michel' | 1250
            """)
    void no_break_spaces_of_french_typography_are_spaces(String text, long cents) {
        assertThat(PayCommandParser.parse(text)).isEqualTo(new PayCommand.Parsed(cents, "michel", null, false));
    }

    /** Traps. Columns: text | code. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '#envoyer 12.505€ @bob'                  | invalid_amount
            '#envoyer 1,999 € @bob'                  | invalid_amount
            '#envoyer -5€ @bob'                      | invalid_amount
            '#envoyer −5€ @bob'                      | invalid_amount
            '#envoyer +5€ @bob'                      | invalid_amount
            '#envoyer 0€ @bob'                       | invalid_amount
            '#envoyer 0,00€ @bob'                    | invalid_amount
            '#envoyer 99999999999999999999€ @bob'    | invalid_amount
            '#envoyer 1000000,01€ @bob'              | invalid_amount
            '#envoyer 1 000€ @bob'                   | invalid_amount
            '#envoyer 1.000,50€ @bob'                | invalid_amount
            '#envoyer €€ @bob'                       | invalid_amount
            '#envoyer @bob 20€'                      | invalid_amount
            '#envoyer cinq euros @bob'               | invalid_amount
            '#envoyer 1e3€ @bob'                     | invalid_amount
            '#envoyer 5k€ @bob'                      | invalid_amount
            '#envoyer 20$ @bob'                      | unsupported_currency
            '#send $20 to @bob'                      | unsupported_currency
            '#pay 20 USD @bob'                       | unsupported_currency
            '#envoyer 20 dollars @bob'               | unsupported_currency
            '#envoyer 5€ @bob #envoyer 6€ @carol'    | multiple_commands
            '#envoyer 5€ @bob #don 6€ @acf'          | multiple_commands
            '#envoyer 5€ @bob #pay EUR 6 @carol'     | multiple_commands
            '#envoyer 5€ @bob, #pay attention'       | not_multiple
            '#envoyer 20€ @ab'                       | payee_not_found
            '#envoyer 20€ @abcdefghijklmnopqrstuvwxyz' | payee_not_found
            """)
    void refuses_the_traps(String text, String code) {
        var result = PayCommandParser.parse(text);
        if (code.equals("not_multiple")) {
            assertThat(result).isInstanceOf(PayCommand.Parsed.class);
            return;
        }
        assertThat(result).isInstanceOfSatisfying(PayCommand.Invalid.class, invalid -> {
            assertThat(invalid.code()).isEqualTo(code);
            assertThat(invalid.detail()).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            '#envoyer 20€'                | 2000 | null
            '#envoyer 20€ merci'          | 2000 | merci
            '#payer 7,5 € pour le pain'   |  750 | le pain
            """)
    void a_command_with_no_payee_parses_without_one(String text, long cents, String note) {
        // A post then refuses it (payee_missing); a direct message pays the other participant.
        assertThat(PayCommandParser.parse(text)).isEqualTo(new PayCommand.Parsed(cents, null, note, false));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "", "hello world", "#envoyeur 5€ @bob", "#payment 5€ @bob", "#donate 5€ @acf",
            "#sender 5€ @bob", "mail#pay 5€ @bob", "envoyer 50€ @michel", "#payé 5€ @bob", "# envoyer 5€ @bob",
            "I love #paris", "@bob #thanks", "#envoyer", "#pay attention",
            "#don quichotte", "#send help 5 times", "#payer mes impôts", "#envoyer EUR" })
    void ordinary_text_holds_no_command(String text) {
        assertThat(PayCommandParser.parse(text)).isEqualTo(new PayCommand.None());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "#envoyer 5 EURP @bob", "#send 5 EURP to @bob", "#envoyer 5EURP @bob", "#payer 2,5 eurp à @bob",
            "#pay 0.001 EURP @bob", "#envoyer 5 ETH @bob", "#send 1 USDC @bob", "#envoyer 12.505 EURP @bob" })
    void a_token_command_is_left_to_the_crypto_module(String text) {
        assertThat(PayCommandParser.parse(text)).isEqualTo(new PayCommand.None());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '#envoyer 5 EUR @bob'     | 500
            '#envoyer 5 EUROS @bob'   | 500
            '#envoyer 5 eur @bob'     | 500
            """)
    void euro_words_in_capitals_are_still_euros(String text, long cents) {
        assertThat(PayCommandParser.parse(text)).isEqualTo(new PayCommand.Parsed(cents, "bob", null, false));
    }

    @org.junit.jupiter.api.Test
    void null_text_holds_no_command() {
        assertThat(PayCommandParser.parse(null)).isEqualTo(new PayCommand.None());
    }
}
