package io.piaf.pots.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Contributing by post, in French and English: what counts as a contribution, and what is refused with which code. */
class PotCommandParserTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            '#participer 10€ @pot/anniv-lea' | 1000 | anniv-lea | -
            '#participer 10 € @pot/anniv-lea' | 1000 | anniv-lea | -
            '#participer10€@pot/anniv-lea' | 1000 | anniv-lea | -
            '#Participer 12,50 € @Pot/Anniv-Lea bon anniversaire !' | 1250 | anniv-lea | bon anniversaire !
            'Pour Léa #participer 20 euros à @pot/anniv-lea' | 2000 | anniv-lea | Pour Léa
            '#participer 7.5 EUR pour @pot/resto' |  750 | resto     | -
            '#contribuer €5 @pot/resto' |  500 | resto     | -
            '#participer 15 @pot/resto merci' | 1500 | resto     | merci
            '#chipin €10 @pot/office-party' | 1000 | office-party | -
            '#chip in €10 to @pot/office-party' | 1000 | office-party | -
            '#chip in 10 EUR to @pot/office-party for the cake' | 1000 | office-party | the cake
            '#contribute 2.25 euros to @pot/office-party' |  225 | office-party | -
            """)
    void a_contribution(String text, long cents, String slug, String note) {
        assertThat(PotCommandParser.parse(text)).isEqualTo(new PotCommand.Parsed(cents, slug, note));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'Venez #participer au vote'
            '#participer'
            '#chipin'
            'no command here @pot/anniv-lea'
            '#envoyer 10€ @bob'
            '#participation 10€ @pot/anniv-lea'
            """)
    void not_a_contribution(String text) {
        assertThat(PotCommandParser.parse(text)).isEqualTo(new PotCommand.None());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '#participer 10€ @bob' | pot_missing
            '#participer 10€' | pot_missing
            '#chip in €10 to the pot' | pot_missing
            '#participer -5€ @pot/anniv-lea' | invalid_amount
            '#participer 0€ @pot/anniv-lea' | invalid_amount
            '#participer 1,234€ @pot/anniv-lea' | invalid_amount
            '#participer 1.000,50€ @pot/anniv-lea' | invalid_amount
            '#participer 99999999€ @pot/anniv-lea' | invalid_amount
            '#participer 10€ @pot/a' | pot_not_found
            '#participer 10€ @pot/anniv-lea #participer 5€ @pot/x1y' | multiple_commands
            """)
    void refused(String text, String code) {
        assertThat(PotCommandParser.parse(text)).isInstanceOfSatisfying(PotCommand.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(code));
    }
}
