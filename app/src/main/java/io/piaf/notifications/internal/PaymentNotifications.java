package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import io.piaf.notifications.internal.Notifier.Notification;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.Party;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCommandRejected;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentDetails;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentRequested;
import io.piaf.payments.TopUpSucceeded;

import reactor.core.publisher.Mono;

/**
 * What payments' events mean to their users. Every payment notification carries {@code paymentId}, {@code payer}
 * and {@code payee} as {@code {"id","handle"}}, {@code amount} and {@code currency}, {@code source} and
 * {@code sourceId} (the post or message that asked for it), so a client can open the payment from it.
 */
@Component
class PaymentNotifications {

    private final Notifier notifier;

    PaymentNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code payment_requested}, to the payer: confirm with the PIN; {@code challenge} names amount and payee. */
    @OutboxListener(id = "notifications.PaymentRequested")
    Mono<Void> onRequested(List<Delivered<PaymentRequested>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var event = d.event();
            var data = data(event.payment());
            data.put("challenge", event.challenge());
            data.put("expiresAt", event.expiresAt().toString());
            data.put("note", event.payment().note());
            return new Notification(event.payment().payer().id(), "payment_requested", data, d.context().eventId());
        }).toList());
    }

    /** {@code payment_rejected}, to the author of a command that made no payment, with the API's {@code code}. */
    @OutboxListener(id = "notifications.PaymentCommandRejected")
    Mono<Void> onRejected(List<Delivered<PaymentCommandRejected>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var event = d.event();
            var data = new LinkedHashMap<String, Object>();
            data.put("payer", user(event.author()));
            data.put("code", event.code());
            data.put("detail", event.detail());
            data.put("source", event.source().name());
            data.put("sourceId", event.sourceId());
            return new Notification(event.author().id(), "payment_rejected", data, d.context().eventId());
        }).toList());
    }

    /** {@code payment_completed} to the payer and {@code payment_received} to the payee. */
    @OutboxListener(id = "notifications.PaymentCompleted")
    Mono<Void> onCompleted(List<Delivered<PaymentCompleted>> batch) {
        return notifier.notifyAll(batch.stream().flatMap(d -> {
            var payment = d.event().payment();
            var data = data(payment);
            data.put("note", payment.note());
            data.put("donation", payment.donation());
            return Stream.of(new Notification(payment.payer().id(), "payment_completed", data, d.context().eventId()),
                    new Notification(payment.payee().id(), "payment_received", data, d.context().eventId()));
        }).toList());
    }

    /** {@code payment_cancelled}, to the payer, with the {@code reason}. */
    @OutboxListener(id = "notifications.PaymentCancelled")
    Mono<Void> onCancelled(List<Delivered<PaymentCancelled>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var data = data(d.event().payment());
            data.put("reason", d.event().reason().name());
            return new Notification(d.event().payment().payer().id(), "payment_cancelled", data, d.context().eventId());
        }).toList());
    }

    /** {@code payment_expired}, to the payer. */
    @OutboxListener(id = "notifications.PaymentExpired")
    Mono<Void> onExpired(List<Delivered<PaymentExpired>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> new Notification(d.event().payment().payer().id(),
                "payment_expired", data(d.event().payment()), d.context().eventId())).toList());
    }

    /** {@code top_up_succeeded}: {@code {"topUpId","amount","currency","card":{"brand","last4"}}}. */
    @OutboxListener(id = "notifications.TopUpSucceeded")
    Mono<Void> onTopUp(List<Delivered<TopUpSucceeded>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var event = d.event();
            var data = new LinkedHashMap<String, Object>();
            data.put("topUpId", event.topUpId().toString());
            data.put("amount", event.amount().decimal());
            data.put("currency", event.amount().currency());
            data.put("card", Map.of("brand", event.card().brand(), "last4", event.card().last4()));
            return new Notification(event.owner().id(), "top_up_succeeded", data, d.context().eventId());
        }).toList());
    }

    private static LinkedHashMap<String, Object> data(PaymentDetails payment) {
        var data = new LinkedHashMap<String, Object>();
        data.put("paymentId", payment.paymentId().toString());
        data.put("payer", user(payment.payer()));
        data.put("payee", user(payment.payee()));
        data.put("amount", payment.amount().decimal());
        data.put("currency", payment.amount().currency());
        data.put("source", payment.source().name());
        data.put("sourceId", payment.sourceId());
        return data;
    }

    private static Map<String, String> user(Party party) {
        return Map.of("id", party.id().toString(), "handle", party.handle());
    }
}
