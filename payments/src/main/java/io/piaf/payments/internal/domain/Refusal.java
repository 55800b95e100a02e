package io.piaf.payments.internal.domain;

import java.time.Instant;

/**
 * Why a payment is not made, as the rules decide it. Nothing here is text for people: the web adapter turns each
 * refusal into its problem (status, stable code, sentence) in one place.
 */
public sealed interface Refusal {

    /** The payer is no longer a user (a token outliving its account). */
    record UnknownPayer() implements Refusal {
    }

    record PayeeNotFound(String handle) implements Refusal {
    }

    record SelfPayment() implements Refusal {
    }

    /** A {@code #don} to someone who is not a verified charity. */
    record NotACharity(String handle) implements Refusal {
    }

    record PinNotSet() implements Refusal {
    }

    record LimitExceeded(Limit limit, long cap, long remainingToday) implements Refusal {
    }

    /** The payment does not exist for the caller. */
    record NotFound() implements Refusal {
    }

    /** The caller is the payee: only the payer confirms or cancels. */
    record NotThePayer() implements Refusal {
    }

    record NotPending(PaymentStatus status) implements Refusal {
    }

    record Expired(Instant expiresAt) implements Refusal {
    }

    /** The stored terms are no longer those the payer was shown. */
    record ChallengeMismatch() implements Refusal {
    }

    record WrongPin(int attemptsLeft) implements Refusal {
    }

    /** Too many wrong PINs: the PIN is locked until {@code until} and the payment was cancelled. */
    record PinLocked(Instant until) implements Refusal {
    }

    record InsufficientFunds() implements Refusal {
    }

    /** A wallet of the payment no longer exists: it failed. */
    record WalletMissing() implements Refusal {
    }

    /** Which cap a payment would pass. */
    enum Limit {
        PER_PAYMENT_TO_PERSON, PER_PAYMENT_TO_CHARITY, DAILY
    }
}
