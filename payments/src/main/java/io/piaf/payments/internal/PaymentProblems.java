package io.piaf.payments.internal;

import java.util.Map;

import io.piaf.common.ProblemException;
import io.piaf.payments.internal.domain.Amounts;
import io.piaf.payments.internal.domain.PaymentStatus;
import io.piaf.payments.internal.domain.Refusal;

/** What each refusal of a payment tells the client: status, stable code, a sentence, and its data. One place. */
final class PaymentProblems {

    private PaymentProblems() {
    }

    static ProblemException of(Refusal refusal) {
        return switch (refusal) {
            case Refusal.UnknownPayer r -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.");
            case Refusal.PayeeNotFound r -> ProblemException.unprocessable("payee_not_found",
                    "No Piaf user has the handle @" + r.handle() + ".");
            case Refusal.SelfPayment r -> ProblemException.unprocessable("self_payment", "You cannot pay yourself.");
            case Refusal.NotACharity r -> ProblemException.unprocessable("not_a_charity",
                    "@" + r.handle() + " is not a verified charity: #don is for donations.");
            case Refusal.PinNotSet r -> ProblemException.unprocessable("pin_not_set", "Set a PIN (PUT /api/me/pin) before paying.");
            case Refusal.LimitExceeded r -> limit(r);
            case Refusal.NotFound r -> notFound();
            case Refusal.NotThePayer r -> ProblemException.forbidden("not_the_payer", "Only the payer confirms or cancels a payment.");
            case Refusal.NotPending r -> new ProblemException(409, r.status() == PaymentStatus.EXPIRED ? "payment_expired" : "payment_not_pending",
                    "This payment is " + r.status() + "; it can no longer be confirmed or cancelled.", Map.of("paymentStatus", r.status().name()));
            case Refusal.Expired r -> new ProblemException(409, "payment_expired", "This payment expired at " + r.expiresAt()
                    + " without confirmation; nothing was paid.", Map.of("paymentStatus", PaymentStatus.EXPIRED.name()));
            case Refusal.ChallengeMismatch r -> ProblemException.conflict("challenge_mismatch",
                    "This payment's terms changed; it was not made.");
            case Refusal.WrongPin r -> new ProblemException(422, "invalid_pin", "Wrong PIN.", Map.of("attemptsLeft", r.attemptsLeft()));
            case Refusal.PinLocked r -> new ProblemException(423, "pin_locked", "Too many wrong PINs: the PIN is locked until "
                    + r.until() + " and this payment is cancelled.",
                    Map.of("lockedUntil", r.until().toString(), "paymentStatus", PaymentStatus.CANCELLED.name()));
            case Refusal.InsufficientFunds r -> ProblemException.unprocessable("insufficient_funds",
                    "Your balance is too low for this payment; top up and confirm again before it expires.");
            case Refusal.WalletMissing r -> ProblemException.conflict("payment_failed", "A wallet of this payment no longer exists.");
        };
    }

    static ProblemException notFound() {
        return ProblemException.notFound("payment_not_found", "No such payment.");
    }

    private static ProblemException limit(Refusal.LimitExceeded r) {
        var detail = switch (r.limit()) {
            case PER_PAYMENT_TO_PERSON -> "A payment to a person is at most " + Amounts.format(r.cap()) + " EUR.";
            case PER_PAYMENT_TO_CHARITY -> "A payment to a charity is at most " + Amounts.format(r.cap()) + " EUR.";
            case DAILY -> "This payment would pass your daily limit of " + Amounts.format(r.cap())
                    + " EUR; you may still send " + Amounts.format(r.remainingToday()) + " EUR today.";
        };
        return new ProblemException(422, "limit_exceeded", detail,
                Map.of("limit", Amounts.format(r.cap()), "limitType", r.limit().name().toLowerCase(java.util.Locale.ROOT)));
    }
}
