package io.piaf.payments.internal;

import java.time.Instant;

import io.piaf.identity.AccountKind;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.TransferId;
import io.piaf.payments.WalletId;
import io.piaf.payments.internal.domain.Amounts;
import io.piaf.payments.internal.domain.Challenge;
import io.piaf.payments.internal.domain.PaymentStatus;

record PaymentRow(PaymentId id, UserId payerId, WalletId payerWallet, String payerHandle, UserId payeeId,
        WalletId payeeWallet, String payeeHandle, AccountKind payeeKind, long amount, String currency, String note,
        PaymentVisibility requestedVisibility, PaymentSource source, String sourceId, byte[] challengeDigest,
        PaymentStatus status, String statusReason, Instant expiresAt, Instant createdAt, Instant decidedAt,
        TransferId transferId, PaymentVisibility receiptVisibility) {

    boolean donation() {
        return payeeKind == AccountKind.CHARITY;
    }

    Challenge challenge() {
        return new Challenge(amount, currency, payeeHandle);
    }

    /** Whether the stored terms are still those the payer was shown (see {@link Challenge}). */
    boolean termsMatchChallenge() {
        return Challenge.matches(challengeDigest, id.value(), payerId.value(), payeeId.value(), amount, currency);
    }

    String amountText() {
        return Amounts.format(amount);
    }

    boolean isParty(UserId user) {
        return payerId.equals(user) || payeeId.equals(user);
    }

    PaymentRow withStatus(PaymentStatus newStatus, String reason, Instant at, TransferId transfer) {
        return new PaymentRow(id, payerId, payerWallet, payerHandle, payeeId, payeeWallet, payeeHandle, payeeKind,
                amount, currency, note, requestedVisibility, source, sourceId, challengeDigest, newStatus, reason,
                expiresAt, createdAt, at, transfer, receiptVisibility);
    }
}
