package io.piaf.messaging.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.piaf.common.ProblemException;
import io.piaf.messaging.Visibility;

class PostTextTests {

    @Test
    void handles_are_found_where_a_person_would_see_them() {
        var text = PostText.post("@Alice, @bob_2! (@carol) mail@dave.fr @@eve @ab @this_handle_is_far_too_long #envoyer50€@michel @alice");
        assertThat(text.handles()).containsExactly("alice", "bob_2", "carol", "michel");
    }

    @Test
    void tags_are_lower_cased_unicode_words_without_repeats() {
        var text = PostText.post("#Envoyer 50€ #CAFÉ #envoyer C#sharp #_x &#38; #");
        assertThat(text.tags()).containsExactly("envoyer", "café", "_x");
    }

    @Test
    void length_counts_code_points_after_trimming() {
        assertThat(PostText.post("  " + "é".repeat(280) + "\n").text()).hasSize(280);
        assertThat(PostText.post("👍".repeat(280)).text().codePointCount(0, 560)).isEqualTo(280);
        assertThatThrownBy(() -> PostText.post("👍".repeat(281)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("text_too_long"));
        assertThatThrownBy(() -> PostText.post(" \t\n"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("empty_text"));
        assertThatThrownBy(() -> PostText.post(null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("empty_text"));
        assertThatThrownBy(() -> PostText.post("bell\u0007"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("invalid_text"));
        assertThat(PostText.post("two\nlines").text()).isEqualTo("two\nlines");
    }

    @Test
    void a_post_is_public_or_for_followers() {
        assertThat(PostVisibility.parse(null)).isEqualTo(Visibility.PUBLIC);
        assertThat(PostVisibility.parse("followers")).isEqualTo(Visibility.FOLLOWERS);
        assertThatThrownBy(() -> PostVisibility.parse("PRIVATE"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo("invalid_visibility"));
    }
}
