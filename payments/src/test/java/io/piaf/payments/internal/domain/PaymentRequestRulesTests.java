package io.piaf.payments.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.piaf.identity.UserId;
import io.piaf.payments.internal.domain.PaymentRequestRules.Payee;
import io.piaf.payments.internal.domain.PaymentRequestRules.Request;

class PaymentRequestRulesTests {

    static final PaymentLimits LIMITS = new PaymentLimits(25_000, 50_000, 100_000);
    static final UserId ALICE = new UserId(UUID.randomUUID());
    static final Payee BOB = new Payee(new UserId(UUID.randomUUID()), "bob", false);
    static final Payee ACF = new Payee(new UserId(UUID.randomUUID()), "acf", true);

    static Request ask(boolean pin, Payee payee, long amount, boolean don, long sentToday) {
        return new Request(ALICE, pin, payee == null ? "ghost" : payee.handle(), payee, amount, don, sentToday);
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("12.50 to a person", ask(true, BOB, 1_250, false, 0), null),
                Arguments.of("nobody has the handle", ask(true, null, 1_250, false, 0), new Refusal.PayeeNotFound("ghost")),
                Arguments.of("to oneself", ask(true, new Payee(ALICE, "alice", false), 1_250, false, 0), new Refusal.SelfPayment()),
                Arguments.of("#don to a person", ask(true, BOB, 1_250, true, 0), new Refusal.NotACharity("bob")),
                Arguments.of("#don to a charity", ask(true, ACF, 1_250, true, 0), null),
                Arguments.of("no PIN yet", ask(false, BOB, 1_250, false, 0), new Refusal.PinNotSet()),
                Arguments.of("250.01 to a person", ask(true, BOB, 25_001, false, 0),
                        new Refusal.LimitExceeded(Refusal.Limit.PER_PAYMENT_TO_PERSON, 25_000, 100_000)),
                Arguments.of("500.00 to a charity", ask(true, ACF, 50_000, false, 0), null),
                Arguments.of("500.01 to a charity", ask(true, ACF, 50_001, false, 0),
                        new Refusal.LimitExceeded(Refusal.Limit.PER_PAYMENT_TO_CHARITY, 50_000, 100_000)),
                Arguments.of("past the daily cap", ask(true, BOB, 1_250, false, 99_000),
                        new Refusal.LimitExceeded(Refusal.Limit.DAILY, 100_000, 1_000)),
                Arguments.of("no PIN and over the cap: the PIN first", ask(false, BOB, 25_001, false, 0), new Refusal.PinNotSet()),
                Arguments.of("unknown payee and no PIN: the payee first", ask(false, null, 1_250, false, 0), new Refusal.PayeeNotFound("ghost")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void a_request_is_judged_before_anything_is_written(String situation, Request request, Refusal expected) {
        assertThat(PaymentRequestRules.refusal(request, LIMITS).orElse(null)).isEqualTo(expected);
    }
}
