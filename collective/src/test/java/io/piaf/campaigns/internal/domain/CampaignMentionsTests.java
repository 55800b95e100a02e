package io.piaf.campaigns.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CampaignMentionsTests {

    static List<Arguments> posts() {
        return List.of(
                Arguments.of("Bottling starts Monday @campagne/cuvee-2027!", List.of("cuvee-2027")),
                Arguments.of("News of @Campaign/Cuvee and again @campagne/cuvee", List.of("cuvee")),
                Arguments.of("two: @campagne/a, @campaign/b", List.of("a", "b")),
                Arguments.of("an e-mail bob@campagne/cuvee is not a mention", List.of()),
                Arguments.of("@campagne/ alone, @pot/cuvee and @campagnes/cuvee are not either", List.of()),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("posts")
    void a_post_names_campaigns_by_their_address(String text, List<String> slugs) {
        assertThat(CampaignMentions.slugs(text)).isEqualTo(slugs);
    }
}
