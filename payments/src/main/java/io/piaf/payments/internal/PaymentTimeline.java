package io.piaf.payments.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;
import io.piaf.messaging.Messaging;
import io.piaf.messaging.PostAnnotation;
import io.piaf.messaging.PostId;
import io.piaf.messaging.TimelineItem;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentDetails;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentRequested;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.Receipts;
import reactor.core.publisher.Mono;

/**
 * What a payment shows in messaging: on the post that asked for it, its status (to the post's author only), and once
 * completed, a receipt in the timelines its visibility allows, with the amount for the two parties only. Commands to
 * messaging's API, run in each listener's transaction, so they are applied once; a relay batch is written with one
 * statement per table.
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
    Mono<Void> onRequested(List<Delivered<PaymentRequested>> batch) {
        return messaging.annotatePosts(annotations(batch.stream().map(d -> d.event().payment()).toList(), "PENDING_CONFIRMATION"));
    }

    @OutboxListener(id = "payments.AnnotateCancelledPost")
    Mono<Void> onCancelled(List<Delivered<PaymentCancelled>> batch) {
        return messaging.annotatePosts(annotations(batch.stream().map(d -> d.event().payment()).toList(), "CANCELLED"));
    }

    @OutboxListener(id = "payments.AnnotateExpiredPost")
    Mono<Void> onExpired(List<Delivered<PaymentExpired>> batch) {
        return messaging.annotatePosts(annotations(batch.stream().map(d -> d.event().payment()).toList(), "EXPIRED"));
    }

    /**
     * The receipts, as private as their most private party wants, and the posts' status. Each receipt's visibility is
     * decided here, from the parties' settings of now, and kept on its payment too, so that
     * {@code GET /api/payments/{id}} shows it to whoever the timelines do.
     */
    @OutboxListener(id = "payments.PublishReceipt")
    Mono<Void> onCompleted(List<Delivered<PaymentCompleted>> batch) {
        var parties = batch.stream().flatMap(d -> Stream.of(d.event().payment().payer().id(),
                d.event().payment().payee().id())).distinct().toList();
        var receipts = identity.findAll(parties).map(users -> batch.stream().map(d -> receipt(d.event(), users)).toList());
        return receipts.flatMap(items -> payments.setReceiptVisibilities(items.stream().collect(Collectors.toMap(
                        item -> new PaymentId(item.id()), item -> PaymentVisibility.valueOf(item.visibility().name()), (a, b) -> a)))
                        .then(messaging.publishAll(items)))
                .then(messaging.annotatePosts(annotations(batch.stream().map(d -> d.event().payment()).toList(), "COMPLETED")));
    }

    private static TimelineItem receipt(PaymentCompleted event, Map<UserId, UserSummary> users) {
        var payment = event.payment();
        var payer = payment.payer().id();
        var payee = payment.payee().id();
        var visibility = Receipts.visibility(party(users.get(payer)), party(users.get(payee)),
                event.requestedVisibility(), payment.source() == PaymentSource.DM);
        var details = new LinkedHashMap<String, String>();
        details.put("paymentId", payment.paymentId().toString());
        details.put("amount", payment.amount().decimal());
        details.put("currency", payment.amount().currency());
        return new TimelineItem(payment.paymentId().value(), "payment_receipt", payer, Set.of(payer, payee),
                Visibility.valueOf(visibility.name()),
                Receipts.text(payment.payer().handle(), payment.payee().handle(), payment.note(), payment.donation()),
                details, event.completedAt());
    }

    static Receipts.Party party(UserSummary user) {
        return user == null ? Receipts.Party.UNKNOWN : new Receipts.Party(user.paymentVisibility(), user.protectedAccount());
    }

    /** The status annotation of each payment that a post asked for. */
    private static List<PostAnnotation> annotations(List<PaymentDetails> payments, String status) {
        var annotations = new ArrayList<PostAnnotation>();
        for (var payment : payments) {
            if (payment.source() == PaymentSource.POST && payment.sourceId() != null) {
                annotations.add(new PostAnnotation(new PostId(UUID.fromString(payment.sourceId())), "payment",
                        Map.of("id", payment.paymentId().toString(), "status", status)));
            }
        }
        return annotations;
    }
}
