package io.piaf.pots.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.piaf.pots.internal.domain.ContributionPrivacy.Viewer;
import io.piaf.pots.internal.domain.ContributionPrivacy.Visibility;

/** Who sees whose name and amount, for every pot rule, viewer and contributor choice. */
class ContributionPrivacyTests {

    @ParameterizedTest(name = "{0} pot, viewer {1}, anonymous={2} hideAmount={3} → {4}")
    @CsvSource(delimiter = '|', textBlock = """
            PUBLIC    | stranger  | false | false | alice:1000
            PUBLIC    | stranger  | true  | false | ?:1000
            PUBLIC    | stranger  | false | true  | alice:?
            PUBLIC    | stranger  | true  | true  | ?:?
            FOLLOWERS | stranger  | false | false | hidden
            FOLLOWERS | follower  | false | false | alice:1000
            FOLLOWERS | follower  | true  | true  | ?:?
            ORGANISER | stranger  | false | false | hidden
            ORGANISER | follower  | false | false | hidden
            ORGANISER | organiser | true  | true  | alice:1000
            PUBLIC    | organiser | true  | true  | alice:1000
            ORGANISER | self      | true  | true  | alice:1000
            FOLLOWERS | self      | false | false | alice:1000
            """)
    void what_a_viewer_sees(Visibility rule, String who, boolean anonymous, boolean hideAmount, String expected) {
        var viewer = new Viewer(who.equals("organiser"), who.equals("follower"));
        var shown = ContributionPrivacy.show(rule, viewer, who.equals("self"), "alice", 1000, anonymous, hideAmount);
        var seen = shown == null ? "hidden"
                : (shown.handle() == null ? "?" : shown.handle()) + ":" + (shown.amount() == null ? "?" : shown.amount());
        assertThat(seen).isEqualTo(expected);
    }
}
