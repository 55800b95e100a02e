package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCommandRejected;
import io.piaf.payments.PaymentCompleted;
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
    Mono<Void> on(PaymentRequested event, EventContext context) {
        var data = payment(event.paymentId().toString(), event.payerId(), event.payerHandle(), event.payeeId(),
                event.payeeHandle(), event.amount(), event.currency(), event.source().name(), event.sourceId());
        data.put("challenge", event.challenge());
        data.put("expiresAt", event.expiresAt().toString());
        data.put("note", event.note());
        return notifier.notify(event.payerId(), "payment_requested", data, context.eventId());
    }

    /** {@code payment_rejected}, to the author of a command that made no payment, with the API's {@code code}. */
    @OutboxListener(id = "notifications.PaymentCommandRejected")
    Mono<Void> on(PaymentCommandRejected event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("payer", user(event.payerId(), event.payerHandle()));
        data.put("code", event.code());
        data.put("detail", event.detail());
        data.put("source", event.source().name());
        data.put("sourceId", event.sourceId());
        return notifier.notify(event.payerId(), "payment_rejected", data, context.eventId());
    }

    /** {@code payment_completed} to the payer and {@code payment_received} to the payee. */
    @OutboxListener(id = "notifications.PaymentCompleted")
    Mono<Void> on(PaymentCompleted event, EventContext context) {
        var data = payment(event.paymentId().toString(), event.payerId(), event.payerHandle(), event.payeeId(),
                event.payeeHandle(), event.amount(), event.currency(), event.source().name(), event.sourceId());
        data.put("note", event.note());
        data.put("donation", event.donation());
        return notifier.notify(event.payerId(), "payment_completed", data, context.eventId())
                .then(notifier.notify(event.payeeId(), "payment_received", data, context.eventId()));
    }

    /** {@code payment_cancelled}, to the payer, with the {@code reason}. */
    @OutboxListener(id = "notifications.PaymentCancelled")
    Mono<Void> on(PaymentCancelled event, EventContext context) {
        var data = payment(event.paymentId().toString(), event.payerId(), event.payerHandle(), event.payeeId(),
                event.payeeHandle(), event.amount(), event.currency(), event.source().name(), event.sourceId());
        data.put("reason", event.reason().name());
        return notifier.notify(event.payerId(), "payment_cancelled", data, context.eventId());
    }

    /** {@code payment_expired}, to the payer. */
    @OutboxListener(id = "notifications.PaymentExpired")
    Mono<Void> on(PaymentExpired event, EventContext context) {
        var data = payment(event.paymentId().toString(), event.payerId(), event.payerHandle(), event.payeeId(),
                event.payeeHandle(), event.amount(), event.currency(), event.source().name(), event.sourceId());
        return notifier.notify(event.payerId(), "payment_expired", data, context.eventId());
    }

    /** {@code top_up_succeeded}: {@code {"topUpId","amount","currency","card":{"brand","last4"}}}. */
    @OutboxListener(id = "notifications.TopUpSucceeded")
    Mono<Void> on(TopUpSucceeded event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("topUpId", event.topUpId().value().toString());
        data.put("amount", event.amount());
        data.put("currency", event.currency());
        data.put("card", Map.of("brand", event.cardBrand(), "last4", event.cardLast4()));
        return notifier.notify(event.userId(), "top_up_succeeded", data, context.eventId());
    }

    private static LinkedHashMap<String, Object> payment(String paymentId, UserId payer, String payerHandle, UserId payee,
            String payeeHandle, String amount, String currency, String source, String sourceId) {
        var data = new LinkedHashMap<String, Object>();
        data.put("paymentId", paymentId);
        data.put("payer", user(payer, payerHandle));
        data.put("payee", user(payee, payeeHandle));
        data.put("amount", amount);
        data.put("currency", currency);
        data.put("source", source);
        data.put("sourceId", sourceId);
        return data;
    }

    private static Map<String, String> user(UserId id, String handle) {
        return Map.of("id", id.toString(), "handle", handle);
    }
}
