package io.piaf.requests.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requesting by post, in French and English: what counts as a request, and what is refused with which code. */
class RequestCommandParserTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            '#demander 15€ @bob' | 1500 | bob | -
            '#demander 15 € @bob' | 1500 | bob | -
            '#Demander 12,50 € à @Bob pour le resto' | 1250 | bob | le resto
            '#demander 20 euros @bob @carol' | 2000 | bob carol | -
            '#demander 20€ à @bob et @carol, merci !' | 2000 | bob carol | merci !
            'Ciné hier soir #demander 8 @bob' | 800 | bob | Ciné hier soir
            '#demander 7.5 EUR de @bob' | 750 | bob | -
            '#request €15 from @bob' | 1500 | bob | -
            '#request 15 EUR from @bob, @carol and @dan for pizza' | 1500 | bob carol dan | pizza
            '#Request €9.99 from @Bob & @carol' | 999 | bob carol | -
            '#request 3 euros to @bob thanks' | 300 | bob | thanks
            """)
    void a_request(String text, long cents, String handles, String note) {
        assertThat(RequestCommandParser.parse(text)).isEqualTo(new RequestCommand.Parsed(cents, List.of(handles.split(" ")), note));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'Je vais #demander conseil à @bob'
            '#demander'
            '#request'
            'no command here @bob'
            '#envoyer 10€ @bob'
            '#participer 10€ @pot/anniv-lea'
            '#requested 10€ @bob'
            '#demandeur 10€ @bob'
            """)
    void not_a_request(String text) {
        assertThat(RequestCommandParser.parse(text)).isEqualTo(new RequestCommand.None());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '#demander 15€' | payer_missing
            '#demander 15€ à Bob' | payer_missing
            '#request €15 from the team' | payer_missing
            '#demander 15€ @pot/anniv-lea' | payer_missing
            '#demander -5€ @bob' | invalid_amount
            '#demander 0€ @bob' | invalid_amount
            '#demander 1,234€ @bob' | invalid_amount
            '#demander 10001€ @bob' | invalid_amount
            '#demander 10€ @bob #request 5€ from @carol' | multiple_commands
            """)
    void refused(String text, String code) {
        assertThat(RequestCommandParser.parse(text)).isInstanceOfSatisfying(RequestCommand.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(code));
    }
}
