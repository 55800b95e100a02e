package io.piaf.campaigns.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pledging by post, in French and English. */
class PledgeCommandParserTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '#soutenir 25€ @campagne/cuvee-2027'          | 2500 | cuvee-2027
            '#Soutenir 12,50 € à @Campagne/Cuvee'         | 1250 | cuvee
            '#back €25 @campaign/cuvee'                   | 2500 | cuvee
            '#back 25 EUR to @campaign/cuvee, go go go'   | 2500 | cuvee
            """)
    void a_pledge(String text, long cents, String slug) {
        assertThat(PledgeCommandParser.parse(text)).isInstanceOfSatisfying(PledgeCommand.Parsed.class, p -> {
            assertThat(p.amount()).isEqualTo(cents);
            assertThat(p.slug()).isEqualTo(slug);
        });
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '#soutenir 25€ @bob'                        | campaign_missing
            '#back -5 @campaign/cuvee'                  | invalid_amount
            '#soutenir 0€ @campagne/cuvee'              | invalid_amount
            '#soutenir 1,005€ @campagne/cuvee'          | invalid_amount
            '#back €1 @campaign/x1 #back €2 @campaign/y2' | multiple_commands
            """)
    void refused(String text, String code) {
        assertThat(PledgeCommandParser.parse(text)).isInstanceOfSatisfying(PledgeCommand.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(code));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'Je vais #soutenir la cause'
            '#backup 25€ @campaign/cuvee'
            '#participer 10€ @pot/anniv-lea'
            """)
    void not_a_pledge(String text) {
        assertThat(PledgeCommandParser.parse(text)).isEqualTo(new PledgeCommand.None());
    }
}
