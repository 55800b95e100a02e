package io.piaf.payments.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.piaf.identity.PinCheck;
import io.piaf.payments.AccountId;
import io.piaf.payments.CancellationReason;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.payments.internal.domain.ConfirmationRules.Facts;
import io.piaf.payments.internal.domain.ConfirmationRules.Step;

class ConfirmationRulesTests {

    static final Instant EXPIRES = Instant.parse("2026-11-30T10:15:00Z");
    static final PaymentLimits LIMITS = new PaymentLimits(25_000, 50_000, 100_000);

    static Facts facts(PaymentStatus status, boolean expired, boolean termsIntact, long amount, long sentToday) {
        return new Facts(status, EXPIRES, expired, termsIntact, amount, false, sentToday);
    }

    static Facts pending() {
        return facts(PaymentStatus.PENDING_CONFIRMATION, false, true, 1_250, 0);
    }

    static Stream<Arguments> beforeThePin() {
        return Stream.of(
                Arguments.of("pending, in time, intact", pending(), new Step.CheckPin()),
                Arguments.of("already completed: answered again", facts(PaymentStatus.COMPLETED, false, true, 1_250, 0),
                        new Step.AlreadyCompleted()),
                Arguments.of("cancelled", facts(PaymentStatus.CANCELLED, false, true, 1_250, 0),
                        new Step.Refuse(new Refusal.NotPending(PaymentStatus.CANCELLED))),
                Arguments.of("expired by the sweep", facts(PaymentStatus.EXPIRED, true, true, 1_250, 0),
                        new Step.Refuse(new Refusal.NotPending(PaymentStatus.EXPIRED))),
                Arguments.of("failed", facts(PaymentStatus.FAILED, false, true, 1_250, 0),
                        new Step.Refuse(new Refusal.NotPending(PaymentStatus.FAILED))),
                Arguments.of("due but not swept yet: it expires now", facts(PaymentStatus.PENDING_CONFIRMATION, true, true, 1_250, 0),
                        new Step.End(PaymentStatus.EXPIRED, "expired", null, new Refusal.Expired(EXPIRES))),
                Arguments.of("terms no longer those shown: it fails", facts(PaymentStatus.PENDING_CONFIRMATION, false, false, 1_250, 0),
                        new Step.End(PaymentStatus.FAILED, "challenge_mismatch", null, new Refusal.ChallengeMismatch())),
                Arguments.of("expired and tampered: expiry first", facts(PaymentStatus.PENDING_CONFIRMATION, true, false, 1_250, 0),
                        new Step.End(PaymentStatus.EXPIRED, "expired", null, new Refusal.Expired(EXPIRES))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beforeThePin")
    void before_the_pin(String situation, Facts facts, Step expected) {
        assertThat(ConfirmationRules.beforePin(facts)).isEqualTo(expected);
    }

    static Stream<Arguments> afterThePin() {
        var lockedUntil = Instant.parse("2026-11-30T10:30:00Z");
        return Stream.of(
                Arguments.of("right PIN, within every cap", pending(), new PinCheck.Accepted(), new Step.Pay()),
                Arguments.of("wrong PIN", pending(), new PinCheck.Rejected(2), new Step.Refuse(new Refusal.WrongPin(2))),
                Arguments.of("third wrong PIN: locked, the payment cancelled", pending(), new PinCheck.Locked(lockedUntil),
                        new Step.End(PaymentStatus.CANCELLED, "PIN_LOCKED", CancellationReason.PIN_LOCKED, new Refusal.PinLocked(lockedUntil))),
                Arguments.of("no PIN any more", pending(), new PinCheck.NotSet(), new Step.Refuse(new Refusal.PinNotSet())),
                Arguments.of("right PIN, over the daily cap by a cent", facts(PaymentStatus.PENDING_CONFIRMATION, false, true, 20_001, 80_000),
                        new PinCheck.Accepted(), new Step.Refuse(new Refusal.LimitExceeded(Refusal.Limit.DAILY, 100_000, 20_000))),
                Arguments.of("right PIN, exactly the daily cap", facts(PaymentStatus.PENDING_CONFIRMATION, false, true, 20_000, 80_000),
                        new PinCheck.Accepted(), new Step.Pay()),
                Arguments.of("wrong PIN over the cap: the PIN speaks first", facts(PaymentStatus.PENDING_CONFIRMATION, false, true, 20_001, 80_000),
                        new PinCheck.Rejected(1), new Step.Refuse(new Refusal.WrongPin(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("afterThePin")
    void after_the_pin(String situation, Facts facts, PinCheck pin, Step expected) {
        assertThat(ConfirmationRules.afterPin(facts, pin, LIMITS)).isEqualTo(expected);
    }

    @Test
    void after_posting_the_ledger_decides_on_the_money() {
        var posted = new TransferResult.Posted(TransferId.random(), Instant.now(), List.of());
        assertThat(ConfirmationRules.afterPosting(pending(), posted)).isEqualTo(new Step.Complete());
        assertThat(ConfirmationRules.afterPosting(pending(), new TransferResult.InsufficientFunds(AccountId.random())))
                .isEqualTo(new Step.Refuse(new Refusal.InsufficientFunds()));
        assertThat(ConfirmationRules.afterPosting(pending(), new TransferResult.UnknownAccount()))
                .isEqualTo(new Step.End(PaymentStatus.FAILED, "wallet_missing", null, new Refusal.WalletMissing()));
        assertThatThrownBy(() -> ConfirmationRules.afterPosting(pending(), new TransferResult.AlreadyPosted("PAYMENT", "x")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_ended_payment_never_ends_again() {
        var completed = facts(PaymentStatus.COMPLETED, true, false, 1_250, 0);
        assertThat(ConfirmationRules.beforePin(completed)).isEqualTo(new Step.AlreadyCompleted());
        assertThatThrownBy(() -> ConfirmationRules.afterPin(completed, new PinCheck.Locked(Instant.now()), LIMITS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot become CANCELLED");
    }
}
