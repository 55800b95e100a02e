package io.piaf.payments.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.piaf.identity.PaymentVisibility;

class PaymentRulesTests {

    final PaymentLimits limits = new PaymentLimits(25_000, 50_000, 100_000);

    @ParameterizedTest(name = "{0} cents to a charity={1} after {2} today: {3}")
    @CsvSource(nullValues = "null", value = {
            "25000, false, 0, null",
            "25001, false, 0, PER_PAYMENT_TO_PERSON",
            "50000, true, 0, null",
            "50001, true, 0, PER_PAYMENT_TO_CHARITY",
            "1, false, 100000, DAILY",
            "20000, false, 80000, null",
            "20001, false, 80000, DAILY",
            "50000, true, 50001, DAILY" })
    void caps_per_payment_and_per_day(long amount, boolean charity, long sentToday, Refusal.Limit breach) {
        var result = limits.check(amount, charity, sentToday);
        if (breach == null) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).hasValueSatisfying(r -> {
                assertThat(r.limit()).isEqualTo(breach);
                assertThat(r.remainingToday()).isEqualTo(limits.remainingToday(sentToday));
            });
        }
    }

    @Test
    void the_remaining_daily_allowance_never_goes_negative() {
        assertThat(limits.remainingToday(30_000)).isEqualTo(70_000);
        assertThat(limits.remainingToday(120_000)).isZero();
    }

    @ParameterizedTest
    @EnumSource(PaymentStatus.class)
    void a_payment_ends_once(PaymentStatus status) {
        for (var next : PaymentStatus.values()) {
            assertThat(status.canBecome(next)).isEqualTo(status == PaymentStatus.PENDING_CONFIRMATION && next != status);
        }
        assertThat(status.isFinal()).isEqualTo(status != PaymentStatus.PENDING_CONFIRMATION);
    }

    @ParameterizedTest(name = "payer {0} (protected {1}), payee {2} (protected {3}), asked {4}, DM {5} -> {6}")
    @CsvSource(nullValues = "null", value = {
            "PUBLIC, false, PUBLIC, false, null, false, PUBLIC",
            "PUBLIC, false, FOLLOWERS, false, null, false, FOLLOWERS",
            "FOLLOWERS, false, PUBLIC, false, null, false, FOLLOWERS",
            "PUBLIC, false, PRIVATE, false, null, false, PRIVATE",
            "PRIVATE, false, PUBLIC, false, PUBLIC, false, PRIVATE",
            "PUBLIC, false, PUBLIC, false, FOLLOWERS, false, FOLLOWERS",
            "PUBLIC, false, PUBLIC, false, PRIVATE, false, PRIVATE",
            "PUBLIC, false, PUBLIC, false, PUBLIC, true, PRIVATE",
            // A protected account shows nothing to the public, whatever its payment setting says.
            "PUBLIC, true, PUBLIC, false, null, false, FOLLOWERS",
            "PUBLIC, false, PUBLIC, true, PUBLIC, false, FOLLOWERS",
            "PRIVATE, true, PUBLIC, false, null, false, PRIVATE",
            "FOLLOWERS, true, FOLLOWERS, true, null, false, FOLLOWERS" })
    void a_receipt_is_as_private_as_its_most_private_party(PaymentVisibility payer, boolean payerProtected,
            PaymentVisibility payee, boolean payeeProtected, PaymentVisibility requested, boolean dm,
            PaymentVisibility expected) {
        assertThat(Receipts.visibility(new Receipts.Party(payer, payerProtected), new Receipts.Party(payee, payeeProtected),
                requested, dm)).isEqualTo(expected);
    }

    @Test
    void a_party_nobody_knows_gets_a_private_receipt() {
        var anyone = new Receipts.Party(PaymentVisibility.PUBLIC, false);
        assertThat(Receipts.visibility(Receipts.Party.UNKNOWN, anyone, null, false)).isEqualTo(PaymentVisibility.PRIVATE);
        assertThat(Receipts.visibility(anyone, Receipts.Party.UNKNOWN, PaymentVisibility.PUBLIC, false)).isEqualTo(PaymentVisibility.PRIVATE);
    }

    @Test
    void a_receipt_names_the_parties_and_the_note_never_the_amount() {
        assertThat(Receipts.text("alice", "bob", "pizza", false)).isEqualTo("alice paid bob · pizza");
        assertThat(Receipts.text("alice", "bob", null, false)).isEqualTo("alice paid bob");
        assertThat(Receipts.text("alice", "acf", null, true)).isEqualTo("alice donated to acf");
    }

    @Test
    void the_challenge_binds_amount_and_payee() {
        var id = UUID.randomUUID();
        var payer = UUID.randomUUID();
        var payee = UUID.randomUUID();
        var digest = Challenge.digest(id, payer, payee, 1250, "EUR");

        assertThat(new Challenge(1250, "EUR", "bob").text()).isEqualTo("Pay 12.50 EUR to @bob");
        assertThat(Challenge.matches(digest, id, payer, payee, 1250, "EUR")).isTrue();
        assertThat(Challenge.matches(digest, id, payer, payee, 1251, "EUR")).isFalse();
        assertThat(Challenge.matches(digest, id, payer, UUID.randomUUID(), 1250, "EUR")).isFalse();
        // a payment into a pot binds the pot's account too: the same terms into another account do not match
        var pot = UUID.randomUUID();
        var intoPot = Challenge.digest(id, payer, payee, 1250, "EUR", pot);
        assertThat(Challenge.matches(intoPot, id, payer, payee, 1250, "EUR", pot)).isTrue();
        assertThat(Challenge.matches(intoPot, id, payer, payee, 1250, "EUR", UUID.randomUUID())).isFalse();
        assertThat(Challenge.matches(intoPot, id, payer, payee, 1250, "EUR")).isFalse();
    }

    @Test
    void notes_are_one_line_and_short() {
        assertThat(Notes.clean("  pizza ")).isEqualTo("pizza");
        assertThat(Notes.clean("   ")).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Notes.clean("a\nb")).hasMessageContaining("one line");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Notes.clean("x".repeat(281))).hasMessageContaining("280");
    }
}
