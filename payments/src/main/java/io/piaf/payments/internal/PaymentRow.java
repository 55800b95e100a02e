package io.piaf.payments.internal;

import java.time.Instant;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.TransferId;
import io.piaf.payments.WalletId;
import io.piaf.payments.internal.domain.Challenge;
import io.piaf.payments.internal.domain.PaymentStatus;

/** A payment as stored: its two sides, what was asked, where it was asked for, and where it stands. */
record PaymentRow(PaymentId id, Side payer, Side payee, Terms terms, Origin origin, State state) {

    /** One party: the user, their wallet, and their handle when the payment was asked for. */
    record Side(UserId user, WalletId wallet, String handle) {
    }

    /**
     * What the payer asked for, fixed at creation.
     *
     * @param challengeDigest binds amount and payee to what the payer was shown (see {@link Challenge})
     * @param requestedVisibility what the request asked for its receipt, or null
     * @param into the account credited when it is not the payee's wallet (a pot's, see PaymentOrders), or null
     */
    record Terms(long amount, String currency, String note, AccountKind payeeKind, PaymentVisibility requestedVisibility,
            byte[] challengeDigest, AccountId into) {
    }

    /** Where it was asked for; {@code sourceId} is the post or message id (null for the API). */
    record Origin(PaymentSource source, String sourceId) {
    }

    /** Where it stands; {@code decidedAt}, {@code transferId} and {@code receiptVisibility} come with its end. */
    record State(PaymentStatus status, String reason, Instant createdAt, Instant expiresAt, Instant decidedAt,
            TransferId transferId, PaymentVisibility receiptVisibility) {

        static State pending(Instant createdAt, Instant expiresAt) {
            return new State(PaymentStatus.PENDING_CONFIRMATION, null, createdAt, expiresAt, null, null, null);
        }
    }

    boolean donation() {
        return terms.payeeKind() == AccountKind.CHARITY;
    }

    Challenge challenge() {
        return new Challenge(terms.amount(), terms.currency(), payee.handle());
    }

    /** Whether the stored terms are still those the payer was shown. */
    boolean termsMatchChallenge() {
        return Challenge.matches(terms.challengeDigest(), id.value(), payer.user().value(), payee.user().value(),
                terms.amount(), terms.currency(), terms.into() == null ? null : terms.into().value());
    }

    /** The account the money lands in: the payee's wallet, unless the payment was ordered into another account. */
    AccountId creditAccount() {
        return terms.into() != null ? terms.into() : payee.wallet().account();
    }

    boolean isParty(UserId user) {
        return payer.user().equals(user) || payee.user().equals(user);
    }

    PaymentRow ended(PaymentStatus status, String reason, Instant at, TransferId transfer) {
        return new PaymentRow(id, payer, payee, terms, origin,
                new State(status, reason, state.createdAt(), state.expiresAt(), at, transfer, state.receiptVisibility()));
    }

    // What views and events read most, without the path through the parts.

    UserId payerId() {
        return payer.user();
    }

    UserId payeeId() {
        return payee.user();
    }

    String payerHandle() {
        return payer.handle();
    }

    String payeeHandle() {
        return payee.handle();
    }

    long amount() {
        return terms.amount();
    }

    String note() {
        return terms.note();
    }

    PaymentSource source() {
        return origin.source();
    }

    PaymentStatus status() {
        return state.status();
    }

    String statusReason() {
        return state.reason();
    }

    Instant createdAt() {
        return state.createdAt();
    }

    Instant expiresAt() {
        return state.expiresAt();
    }

    Instant decidedAt() {
        return state.decidedAt();
    }

    PaymentVisibility receiptVisibility() {
        return state.receiptVisibility();
    }
}
