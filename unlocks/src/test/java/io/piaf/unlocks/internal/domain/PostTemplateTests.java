package io.piaf.unlocks.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostTemplateTests {

    static final String LINK = "http://localhost:8080/unlock/0b7e6c1e-7a51-4b41-9a4c-3b9d8f1e2a10";
    static final PostTemplate TEMPLATE = accepted(PostTemplate.of("Je viens de lire le guide de @lea, foncez ! {link} #piaf",
            List.of("#piaf", "@lea"), 200, LINK));

    static Stream<Arguments> edits() {
        var template = TEMPLATE.text();
        return Stream.of(
                Arguments.of("unchanged (no text sent)", null, null),
                Arguments.of("unchanged (the template sent back)", template, null),
                Arguments.of("words added", "Génial ! " + template, null),
                Arguments.of("rewritten around the fragments", "@lea a tout dit : " + LINK + " #piaf", null),
                Arguments.of("spaces around are trimmed", "  " + template + "\n", null),
                Arguments.of("hashtag removed", template.replace(" #piaf", ""), "required_text_missing"),
                Arguments.of("hashtag recased", template.replace("#piaf", "#Piaf"), "required_text_missing"),
                Arguments.of("link removed", template.replace(LINK, ""), "required_text_missing"),
                Arguments.of("link altered", template.replace(LINK, LINK.replace("2a10", "2a11")), "required_text_missing"),
                Arguments.of("too long", template + " " + "x".repeat(200), "post_too_long"),
                Arguments.of("empty", "", "empty_text"),
                Arguments.of("blank", " \n\t ", "empty_text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void an_edit_keeps_every_required_fragment_and_fits_the_length(String name, String edited, String refusal) {
        var outcome = TEMPLATE.check(edited);
        if (refusal == null) {
            assertThat(outcome).isInstanceOf(PostTemplate.Accepted.class);
            var text = ((PostTemplate.Accepted<String>) outcome).value();
            assertThat(text).isEqualTo(edited == null ? TEMPLATE.text() : edited.strip());
        } else {
            assertThat(outcome).isInstanceOfSatisfying(PostTemplate.Refused.class,
                    r -> assertThat(r.refusal().code()).isEqualTo(refusal));
        }
    }

    @Test
    void a_refused_edit_says_what_is_missing_or_how_long_it_may_be() {
        var missing = (PostTemplate.Refused<String>) TEMPLATE.check("rien à voir");
        assertThat(missing.refusal().status()).isEqualTo(422);
        assertThat(missing.refusal().properties().get("missing")).isEqualTo(List.of(LINK, "#piaf", "@lea"));
        var tooLong = (PostTemplate.Refused<String>) TEMPLATE.check(TEMPLATE.text() + "!".repeat(150));
        assertThat(tooLong.refusal().properties()).containsEntry("maxLength", 200).containsEntry("length", TEMPLATE.text().length() + 150);
    }

    @Test
    void the_link_goes_where_the_creator_put_it_or_at_the_end_and_is_always_required() {
        assertThat(TEMPLATE.text()).isEqualTo("Je viens de lire le guide de @lea, foncez ! " + LINK + " #piaf");
        assertThat(TEMPLATE.required()).containsExactly(LINK, "#piaf", "@lea");
        var appended = accepted(PostTemplate.of("À lire", List.of(), null, LINK));
        assertThat(appended.text()).isEqualTo("À lire " + LINK);
        assertThat(appended.maxLength()).isEqualTo(280);
        assertThat(appended.required()).containsExactly(LINK);
    }

    @Test
    void a_template_is_refused_when_it_cannot_be_published_as_it_is() {
        assertThat(code(PostTemplate.of(" ", List.of(), null, LINK))).isEqualTo("invalid_template");
        assertThat(code(PostTemplate.of("{link} et {link}", List.of(), null, LINK))).isEqualTo("invalid_template");
        assertThat(code(PostTemplate.of("x".repeat(250), List.of(), null, LINK))).isEqualTo("post_too_long");
        assertThat(code(PostTemplate.of("court {link}", List.of(), 20, LINK))).isEqualTo("post_too_long");
        assertThat(code(PostTemplate.of("court {link}", List.of(), 281, LINK))).isEqualTo("invalid_max_length");
        assertThat(code(PostTemplate.of("court {link}", List.of("#absent"), null, LINK))).isEqualTo("required_text_not_in_template");
        assertThat(code(PostTemplate.of("court {link}", List.of(" "), null, LINK))).isEqualTo("invalid_required_text");
        assertThat(code(PostTemplate.of("court {link}", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"), null, LINK)))
                .isEqualTo("invalid_required_text");
    }

    static PostTemplate accepted(PostTemplate.Outcome<PostTemplate> outcome) {
        return ((PostTemplate.Accepted<PostTemplate>) outcome).value();
    }

    static String code(PostTemplate.Outcome<?> outcome) {
        return outcome instanceof PostTemplate.Refused<?> r ? r.refusal().code() : null;
    }
}
