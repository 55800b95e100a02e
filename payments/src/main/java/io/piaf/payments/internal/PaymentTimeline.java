package io.piaf.payments.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.piaf.identity.Identity;
import io.piaf.identity.UserSummary;
import io.piaf.messaging.Messaging;
import io.piaf.messaging.PostId;
import io.piaf.messaging.TimelineItem;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentRequested;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.Receipts;
import reactor.core.publisher.Mono;

/**
 * What a payment shows in messaging: on the post that asked for it, its status (to the post's author only), and once
 * completed, a receipt in the timelines its visibility allows, with the amount for the two parties only. Commands to
 * messaging's API, run in each listener's transaction, so they are applied once.
 */
@Component
class PaymentTimeline {

    private final Messaging messaging;
    private final Identity identity;
    private final PaymentStore payments;

    PaymentTimeline(Messaging messaging, Identity identity, PaymentStore payments) {
        this.messaging = messaging;
        this.identity = identity;
        this.payments = payments;
    }

    @OutboxListener(id = "payments.AnnotateRequestedPost")
    Mono<Void> on(PaymentRequested event) {
        return annotate(event.source(), event.sourceId(), event.paymentId(), "PENDING_CONFIRMATION");
    }

    @OutboxListener(id = "payments.AnnotateCancelledPost")
    Mono<Void> on(PaymentCancelled event) {
        return annotate(event.source(), event.sourceId(), event.paymentId(), "CANCELLED");
    }

    @OutboxListener(id = "payments.AnnotateExpiredPost")
    Mono<Void> on(PaymentExpired event) {
        return annotate(event.source(), event.sourceId(), event.paymentId(), "EXPIRED");
    }

    /**
     * The receipt, and the post's status. The receipt's visibility is decided here, from the parties' settings of
     * now, and kept on the payment too, so that {@code GET /api/payments/{id}} shows it to whoever the timelines do.
     */
    @OutboxListener(id = "payments.PublishReceipt")
    Mono<Void> on(PaymentCompleted event) {
        var receipt = identity.findAll(List.of(event.payerId(), event.payeeId())).flatMap(users -> {
            var visibility = Receipts.visibility(party(users.get(event.payerId())), party(users.get(event.payeeId())),
                    event.requestedVisibility(), event.source() == PaymentSource.DM);
            var details = new LinkedHashMap<String, String>();
            details.put("paymentId", event.paymentId().toString());
            details.put("amount", event.amount());
            details.put("currency", event.currency());
            return payments.setReceiptVisibility(event.paymentId(), visibility)
                    .then(messaging.publish(new TimelineItem(event.paymentId().value(), "payment_receipt", event.payerId(),
                            Set.of(event.payerId(), event.payeeId()), Visibility.valueOf(visibility.name()),
                            Receipts.text(event.payerHandle(), event.payeeHandle(), event.note(), event.donation()),
                            details, event.completedAt())));
        });
        return receipt.then(annotate(event.source(), event.sourceId(), event.paymentId(), "COMPLETED"));
    }

    static Receipts.Party party(UserSummary user) {
        return user == null ? Receipts.Party.UNKNOWN : new Receipts.Party(user.paymentVisibility(), user.protectedAccount());
    }

    private Mono<Void> annotate(PaymentSource source, String sourceId, PaymentId payment, String status) {
        if (source != PaymentSource.POST || sourceId == null) {
            return Mono.empty();
        }
        return messaging.annotatePost(new PostId(UUID.fromString(sourceId)), "payment",
                Map.of("id", payment.toString(), "status", status));
    }
}
