package io.piaf.payments.internal;

import java.time.Instant;

import io.piaf.payments.CancellationReason;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentFailed;
import io.piaf.payments.PaymentRequested;

/** A payment's events, built from its row: each carries what a notification needs (handles, amount, ids). */
final class PaymentEvents {

    private PaymentEvents() {
    }

    static PaymentRequested requested(PaymentRow p) {
        return new PaymentRequested(p.id(), p.payerId(), p.payerHandle(), p.payeeId(), p.payeeHandle(), p.amountText(),
                p.currency(), p.note(), p.donation(), p.challenge().text(), p.source(), p.sourceId(), p.expiresAt(),
                p.createdAt());
    }

    static PaymentCompleted completed(PaymentRow p) {
        return new PaymentCompleted(p.id(), p.payerId(), p.payerHandle(), p.payeeId(), p.payeeHandle(), p.amountText(),
                p.currency(), p.note(), p.donation(), p.source(), p.sourceId(), p.requestedVisibility(), p.transferId(),
                p.decidedAt());
    }

    static PaymentCancelled cancelled(PaymentRow p, CancellationReason reason) {
        return new PaymentCancelled(p.id(), p.payerId(), p.payerHandle(), p.payeeId(), p.payeeHandle(), p.amountText(),
                p.currency(), reason, p.source(), p.sourceId(), at(p));
    }

    static PaymentExpired expired(PaymentRow p) {
        return new PaymentExpired(p.id(), p.payerId(), p.payerHandle(), p.payeeId(), p.payeeHandle(), p.amountText(),
                p.currency(), p.source(), p.sourceId(), at(p));
    }

    static PaymentFailed failed(PaymentRow p, String code) {
        return new PaymentFailed(p.id(), p.payerId(), p.payerHandle(), p.payeeId(), p.payeeHandle(), p.amountText(),
                p.currency(), code, p.source(), p.sourceId(), at(p));
    }

    private static Instant at(PaymentRow p) {
        return p.decidedAt() == null ? Instant.now() : p.decidedAt();
    }
}
