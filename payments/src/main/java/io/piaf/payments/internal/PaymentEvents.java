package io.piaf.payments.internal;

import java.time.Instant;

import io.piaf.payments.CancellationReason;
import io.piaf.payments.Money;
import io.piaf.payments.Party;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentDetails;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentFailed;
import io.piaf.payments.PaymentRequested;

/** A payment's events, built from its row. */
final class PaymentEvents {

    private PaymentEvents() {
    }

    static PaymentDetails details(PaymentRow p) {
        return new PaymentDetails(p.id(), new Party(p.payerId(), p.payerHandle()), new Party(p.payeeId(), p.payeeHandle()),
                Money.eur(p.amount()), p.note(), p.donation(), p.source(), p.origin().sourceId());
    }

    static PaymentRequested requested(PaymentRow p) {
        return new PaymentRequested(details(p), p.challenge().text(), p.expiresAt(), p.createdAt());
    }

    static PaymentCompleted completed(PaymentRow p) {
        return new PaymentCompleted(details(p), p.terms().requestedVisibility(), p.state().transferId(), p.decidedAt());
    }

    static PaymentCancelled cancelled(PaymentRow p, CancellationReason reason) {
        return new PaymentCancelled(details(p), reason, at(p));
    }

    static PaymentExpired expired(PaymentRow p) {
        return new PaymentExpired(details(p), at(p));
    }

    static PaymentFailed failed(PaymentRow p, String code) {
        return new PaymentFailed(details(p), code, at(p));
    }

    /** The event of a payment that just ended without its money moving. */
    static Object ended(PaymentRow p, CancellationReason cancellation) {
        return switch (p.status()) {
            case CANCELLED -> cancelled(p, cancellation);
            case EXPIRED -> expired(p);
            case FAILED -> failed(p, p.statusReason());
            default -> throw new IllegalArgumentException("Payment " + p.id() + " did not end without paying: " + p.status());
        };
    }

    private static Instant at(PaymentRow p) {
        return p.decidedAt() == null ? Instant.now() : p.decidedAt();
    }
}
