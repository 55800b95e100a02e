package io.piaf.cards.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PANs, CVVs, signatures, amounts, controls and clearing tolerance: the card data rules, in milliseconds. */
class CardDataTests {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY2 = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    @Test
    void issued_pans_are_luhn_valid_in_the_bin_and_print_masked() {
        var random = new SecureRandom();
        var seen = new HashSet<String>();
        for (var i = 0; i < 1000; i++) {
            var pan = Pan.issue("489537", random);
            assertThat(Pan.parse(pan.digits())).contains(pan);
            assertThat(pan.digits()).hasSize(16).startsWith("489537");
            assertThat(pan.toString()).isEqualTo("489537******" + pan.last4()).isEqualTo(pan.masked());
            seen.add(pan.digits());
        }
        assertThat(seen).hasSizeGreaterThan(990);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = { "4242424242424242,true", "4242424242424241,false", "424242424242424a,false",
            "42424242424,false", "null,false", "79927398713,false", "4111111111111111,true" })
    void parsing_accepts_only_luhn_valid_numbers_of_12_to_19_digits(String text, boolean valid) {
        assertThat(Pan.parse(text).isPresent()).isEqualTo(valid);
    }

    @Test
    void the_cvv_is_derived_from_pan_expiry_and_key_and_never_needs_storing() {
        var cards = new CardVerification(KEY);
        var pan = Pan.parse("4895370000000007").orElseThrow();
        var cvv = cards.cvv(pan, 12, 2029, "1");

        // pinned: the CVVs of cards issued before key rotation existed must not change
        assertThat(cvv).isEqualTo("193").isEqualTo(new CardVerification(KEY).cvv(pan, 12, 2029, "1"));
        assertThat(cards.currentKeyId()).isEqualTo(CardVerification.FIRST_KEY_ID);
        assertThat(cards.matches(pan, 12, 2029, "1", cvv)).isTrue();
        assertThat(cards.matches(pan, 12, 2029, "1", null)).isFalse();
        var others = Set.of(cards.cvv(pan, 11, 2029, "1"), cards.cvv(pan, 12, 2030, "1"),
                new CardVerification(KEY2).cvv(pan, 12, 2029, "1"));
        assertThat(others).hasSizeGreaterThan(1);
        assertThat(cards.lookup(pan)).isEqualTo(new CardVerification(KEY).lookup(pan)).hasSize(32);
        assertThatThrownBy(() -> new CardVerification(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void after_a_cvk_rotation_new_cards_take_the_new_key_and_old_cards_keep_verifying_under_theirs() {
        var before = new CardVerification(KEY);
        var after = new CardVerification(KEY, CardVerification.ring("2:" + Base64.getEncoder().encodeToString(KEY2)));
        var pans = java.util.stream.IntStream.range(0, 20).mapToObj(i -> Pan.issue("489537", new SecureRandom())).toList();

        assertThat(after.currentKeyId()).isEqualTo("2");
        for (var pan : pans) {
            var printed = before.cvv(pan, 12, 2029, before.currentKeyId());
            assertThat(after.matches(pan, 12, 2029, "1", printed)).isTrue();
            assertThat(after.cvv(pan, 12, 2029, "1")).isEqualTo(printed);
            assertThat(after.lookup(pan)).as("a card is found by the same hash across rotations").isEqualTo(before.lookup(pan));
        }
        assertThat(pans.stream().filter(p -> !after.cvv(p, 12, 2029, "2").equals(after.cvv(p, 12, 2029, "1"))).count())
                .as("the new key derives other CVVs").isGreaterThan(15);
        assertThatThrownBy(() -> after.cvv(pans.get(0), 12, 2029, "3")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "2:not base64", "2", "2:AAAA,2:AAAA", "1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "2:AAAA", "bad id!:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=" })
    void a_key_ring_is_id_base64_of_256_bits_each_id_once_and_never_1(String configured) {
        assertThatThrownBy(() -> new CardVerification(KEY, CardVerification.ring(configured)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_signature_holds_only_for_the_same_body_timestamp_and_secret_within_the_window() {
        var body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        var now = Instant.parse("2026-11-30T12:00:00Z");
        var ts = now.getEpochSecond();
        var signature = NetworkSignature.sign(KEY, ts, body);
        var window = Duration.ofMinutes(5);

        assertThat(NetworkSignature.verify(KEY, Long.toString(ts), signature, body, now, window)).isEqualTo(NetworkSignature.Verdict.VALID);
        assertThat(NetworkSignature.verify(KEY, Long.toString(ts), signature, "{\"id\":\"2\"}".getBytes(), now, window))
                .isEqualTo(NetworkSignature.Verdict.MISMATCH);
        assertThat(NetworkSignature.verify("x".getBytes(), Long.toString(ts), signature, body, now, window)).isEqualTo(NetworkSignature.Verdict.MISMATCH);
        assertThat(NetworkSignature.verify(KEY, Long.toString(ts), signature, body, now.plusSeconds(301), window)).isEqualTo(NetworkSignature.Verdict.STALE);
        assertThat(NetworkSignature.verify(KEY, Long.toString(ts), signature, body, now.minusSeconds(301), window)).isEqualTo(NetworkSignature.Verdict.STALE);
        assertThat(NetworkSignature.verify(KEY, null, signature, body, now, window)).isEqualTo(NetworkSignature.Verdict.MISSING);
        assertThat(NetworkSignature.verify(KEY, "soon", signature, body, now, window)).isEqualTo(NetworkSignature.Verdict.MALFORMED);
        assertThat(NetworkSignature.verify(KEY, Long.toString(ts), "v2=" + signature.substring(3), body, now, window)).isEqualTo(NetworkSignature.Verdict.MALFORMED);
        assertThat(NetworkSignature.verify(KEY, Long.toString(ts), "v1=" + "g".repeat(64), body, now, window)).isEqualTo(NetworkSignature.Verdict.MALFORMED);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = { "12.50,1250", "3,300", "0.5,50", "-1.00,-100", "12.345,null", "1e3,null", "'',null",
            "999999999999.99,99999999999999" })
    void network_amounts_are_decimal_strings(String text, Long cents) {
        assertThat(NetworkAmount.cents(text)).isEqualTo(cents);
        assertThat(NetworkAmount.cents(12.5)).isNull();
    }

    @ParameterizedTest
    @CsvSource({ "1000,800,20,800", "1000,1200,20,1200", "1000,1201,20,1200", "1000,5000,0,1000", "999,2000,15,1148" })
    void a_clearing_captures_at_most_the_tolerance_above_the_authorized_amount(long authorized, long requested, int tolerance, long captured) {
        assertThat(Clearing.capture(authorized, requested, tolerance)).isEqualTo(captured);
    }

    @Test
    void controls_change_field_by_field_within_their_ranges() {
        var changed = Controls.DEFAULTS.with(5_000L, null, List.of("7995"), false, null, List.of("US", "GB"));
        assertThat(changed).isEqualTo(new Controls(5_000, 200_000, Set.of("7995"), false, true, Set.of("GB", "US")));
        assertThat(Controls.DEFAULTS.with(null, null, null, null, null, null)).isEqualTo(Controls.DEFAULTS);

        assertThatThrownBy(() -> Controls.DEFAULTS.with(0L, null, null, null, null, null)).isInstanceOf(Controls.Invalid.class)
                .extracting(e -> ((Controls.Invalid) e).field()).isEqualTo("perTransaction");
        assertThatThrownBy(() -> Controls.DEFAULTS.with(null, 1_000_001L, null, null, null, null)).isInstanceOf(Controls.Invalid.class);
        assertThatThrownBy(() -> Controls.DEFAULTS.with(300_000L, null, null, null, null, null)).isInstanceOf(Controls.Invalid.class);
        assertThatThrownBy(() -> Controls.DEFAULTS.with(null, null, List.of("79950"), null, null, null)).isInstanceOf(Controls.Invalid.class);
        assertThatThrownBy(() -> Controls.DEFAULTS.with(null, null, null, null, null, java.util.Arrays.asList("fr"))).isInstanceOf(Controls.Invalid.class);
        assertThatThrownBy(() -> Controls.DEFAULTS.with(null, null, java.util.Collections.nCopies(51, "5812"), null, null, null))
                .isInstanceOf(Controls.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource({ "ACTIVE,FREEZE,FROZEN", "FROZEN,UNFREEZE,ACTIVE", "ACTIVE,CANCEL,CANCELLED", "FROZEN,CANCEL,CANCELLED" })
    void holder_actions_move_the_card_between_states(CardStatus from, CardStatus.Action action, CardStatus to) {
        assertThat(from.after(action)).contains(to);
        assertThat(CardStatus.CANCELLED.after(action)).isEmpty();
    }
}
