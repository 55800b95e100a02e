package io.piaf.identity.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;

/** Identity's rules as tables: PINs, display names, handle lookalikes, passwords, pepper versions. */
class IdentityRulesTests {

    @ParameterizedTest
    @ValueSource(strings = { "0000", "1111", "999999", "1234", "0123", "456789", "4321", "9876", "1212", "121212", "123123",
            "2580", "0852", "147147", "369369" })
    void trivial_pins_are_refused(String pin) {
        assertThat(PinRules.isTrivial(pin)).isTrue();
        assertThatThrownBy(() -> PinRules.requireAcceptable(pin)).isInstanceOf(ProblemException.class)
                .extracting("code").isEqualTo("trivial_pin");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2468", "1357", "4821", "572819", "8642", "9753", "1122", "0258", "13579" })
    void other_pins_are_accepted(String pin) {
        assertThat(PinRules.isTrivial(pin)).isFalse();
        PinRules.requireAcceptable(pin);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Alice\u202Eecila", "Al\u200Bice", "Bob\u2066x\u2069", "Eve\u0007", "Zoé\uFEFF", "Mal\u00ADlory",
            "Alice ✔", "Alice ✓", "Bob ☑", "Charlie ✅", "Dan \uD83D\uDDF8", "Ann\u3164", "x\u2028y", "\uE000" })
    void display_names_hiding_characters_or_a_check_mark_are_refused(String name) {
        assertThatThrownBy(() -> DisplayNames.require(name)).isInstanceOf(ProblemException.class)
                .extracting("code").isEqualTo("invalid_display_name");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Alice Martin", "Chloé Petit", "Zoë 🐦", "李小龙", "محمد", "José-María O'Neil", "Bob ☒" })
    void ordinary_display_names_are_kept(String name) {
        assertThat(DisplayNames.require("  " + name + " ")).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({ "a11ce,alice", "alice,a1ice", "rnichel,michel", "vvalter,walter", "c1owns,clowns", "d0wns,clowns", "p1af,piaf",
            "supp0rt,support", "5arah,sarah", "acf,acf" })
    void handles_with_the_same_skeleton_are_confusable(String candidate, String existing) {
        assertThat(HandleSkeletons.of(candidate)).isEqualTo(HandleSkeletons.of(existing));
        assertThat(HandleSkeletons.impersonated(candidate, List.of("bob", existing))).contains(existing);
    }

    @ParameterizedTest
    @CsvSource({ "alicia,alice", "alice_2,alice", "michelle,michel", "bob,rob" })
    void different_handles_are_not(String candidate, String existing) {
        assertThat(HandleSkeletons.impersonated(candidate, List.of(existing))).isEmpty();
    }

    @Test
    void passwords_need_a_length_and_not_to_be_common_or_the_handle() {
        var policy = new PasswordPolicy(Set.of("password123", "iloveyou1"));

        for (var weak : new String[] { "short", "x".repeat(129), "password123", "PASSWORD123", "ILoveYou1", "alice_k3" }) {
            assertThatThrownBy(() -> policy.require(weak, "alice_k3")).as(weak).isInstanceOf(ProblemException.class)
                    .extracting("code").isEqualTo("weak_password");
        }
        policy.require("correct horse", "alice_k3");
    }

    @Test
    void the_bundled_list_holds_the_most_common_passwords() {
        var policy = PasswordPolicy.bundled();

        for (var common : new String[] { "password", "12345678", "qwertyuiop", "iloveyou1", "football1", "sunshine" }) {
            assertThatThrownBy(() -> policy.require(common, "someone")).as(common).isInstanceOf(ProblemException.class);
        }
        policy.require("correct horse battery", "someone");
    }

    @Test
    void a_pin_hash_records_its_pepper_version_and_old_versions_still_verify() {
        var user = new UserId(UUID.randomUUID());
        var v1 = new byte[32];
        var v2 = new byte[32];
        v2[0] = 1;
        var old = new PinHasher(Map.of(1, v1));
        var rotated = new PinHasher(Map.of(1, v1, 2, v2));
        var oldHash = old.hash(user, "2468");

        assertThat(oldHash.pepperVersion()).isEqualTo(1);
        assertThat(rotated.matches(user, "2468", 1, oldHash.hash())).isTrue();
        assertThat(rotated.matches(user, "1357", 1, oldHash.hash())).isFalse();
        assertThat(rotated.isCurrent(1)).isFalse();
        var newHash = rotated.hash(user, "2468");
        assertThat(newHash.pepperVersion()).isEqualTo(2);
        assertThat(newHash.hash()).isNotEqualTo(oldHash.hash());
        assertThat(rotated.matches(user, "2468", 3, newHash.hash())).as("an unknown version never verifies").isFalse();
    }

    @Test
    void peppers_are_read_as_versioned_base64_or_one_bare_value() {
        var a = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        var b = java.util.Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });

        assertThat(PinHasher.parse(a).currentVersion()).isEqualTo(1);
        assertThat(PinHasher.parse("1:" + a + "\n3:" + b + "\n").currentVersion()).isEqualTo(3);
        assertThat(PinHasher.parse("1:" + a + ", 2:" + b).currentVersion()).isEqualTo(2);
        assertThatThrownBy(() -> PinHasher.parse("1:" + java.util.Base64.getEncoder().encodeToString(new byte[4])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
