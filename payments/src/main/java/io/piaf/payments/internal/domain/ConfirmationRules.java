package io.piaf.payments.internal.domain;

import java.time.Instant;

import io.piaf.identity.PinCheck;
import io.piaf.payments.CancellationReason;
import io.piaf.payments.TransferResult;

/**
 * How a payer's confirmation of a payment is decided, in three moments: before the PIN is looked at, after it, and
 * after the transfer was posted. The caller holds the payment and its payer's wallet locked throughout, so the facts
 * cannot change under a decision.
 */
public final class ConfirmationRules {

    /**
     * What a confirmation sees under its locks.
     *
     * @param expired the database's clock is past the payment's expiry
     * @param termsMatchChallenge the stored amount and payee are still those the payer was shown
     * @param sentToday what the payer has sent so far today, in cents
     */
    public record Facts(PaymentStatus status, Instant expiresAt, boolean expired, boolean termsMatchChallenge, long amount,
            boolean toCharity, long sentToday) {
    }

    /** The next thing to do with a confirmation. */
    public sealed interface Step {

        /** Pending, in time, terms intact: the PIN decides. */
        record CheckPin() implements Step {
        }

        /** Post the transfer; the ledger checks the funds. */
        record Pay() implements Step {
        }

        /** The money moved: complete the payment. */
        record Complete() implements Step {
        }

        /** Already completed (a retried confirmation): answer it again, nothing moves. */
        record AlreadyCompleted() implements Step {
        }

        /** Refuse; nothing changes. */
        record Refuse(Refusal why) implements Step {
        }

        /**
         * End the payment now as {@code status} (announced), then refuse.
         *
         * @param reason the status reason kept with the payment
         * @param cancellation why it was cancelled, when {@code status} is CANCELLED
         */
        record End(PaymentStatus status, String reason, CancellationReason cancellation, Refusal why) implements Step {
        }
    }

    private ConfirmationRules() {
    }

    /** Before the PIN: a confirmation of a payment that is not pending, or no longer confirmable, is decided here. */
    public static Step beforePin(Facts facts) {
        if (facts.status() == PaymentStatus.COMPLETED) {
            return new Step.AlreadyCompleted();
        }
        if (facts.status().isFinal()) {
            return new Step.Refuse(new Refusal.NotPending(facts.status()));
        }
        if (facts.expired()) {
            return end(facts, PaymentStatus.EXPIRED, "expired", null, new Refusal.Expired(facts.expiresAt()));
        }
        if (!facts.termsMatchChallenge()) {
            return end(facts, PaymentStatus.FAILED, "challenge_mismatch", null, new Refusal.ChallengeMismatch());
        }
        return new Step.CheckPin();
    }

    /** After the PIN check of a payment {@link #beforePin} sent to it: the PIN, then the caps under the wallet lock. */
    public static Step afterPin(Facts facts, PinCheck check, PaymentLimits limits) {
        return switch (check) {
            case PinCheck.NotSet notSet -> new Step.Refuse(PayerRules.mayPay(false).orElseThrow());
            case PinCheck.Rejected rejected -> new Step.Refuse(new Refusal.WrongPin(rejected.attemptsLeft()));
            case PinCheck.Locked locked -> end(facts, PaymentStatus.CANCELLED, CancellationReason.PIN_LOCKED.name(),
                    CancellationReason.PIN_LOCKED, new Refusal.PinLocked(locked.until()));
            case PinCheck.Accepted accepted -> limits.check(facts.amount(), facts.toCharity(), facts.sentToday())
                    .<Step>map(Step.Refuse::new)
                    .orElseGet(Step.Pay::new);
        };
    }

    /** After the transfer of a payment {@link #afterPin} said to pay was posted. */
    public static Step afterPosting(Facts facts, TransferResult result) {
        return switch (result) {
            case TransferResult.Posted posted -> new Step.Complete();
            case TransferResult.InsufficientFunds shortOfMoney -> new Step.Refuse(new Refusal.InsufficientFunds());
            case TransferResult.UnknownAccount unknown -> end(facts, PaymentStatus.FAILED, "wallet_missing", null,
                    new Refusal.WalletMissing());
            // its transfer exists but the payment is pending: the ledger and the payment disagree, stop here
            case TransferResult.AlreadyPosted already -> throw new IllegalStateException(
                    "A pending payment's transfer " + already.kind() + " " + already.reference() + " was already posted");
        };
    }

    private static Step end(Facts facts, PaymentStatus status, String reason, CancellationReason cancellation, Refusal why) {
        if (!facts.status().canBecome(status)) {
            throw new IllegalStateException("A " + facts.status() + " payment cannot become " + status);
        }
        return new Step.End(status, reason, cancellation, why);
    }
}
