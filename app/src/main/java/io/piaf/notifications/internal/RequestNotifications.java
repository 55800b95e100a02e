package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.Money;
import io.piaf.requests.MoneyRequestDeclined;
import io.piaf.requests.MoneyRequestPaid;
import io.piaf.requests.MoneyRequestReminded;
import io.piaf.requests.MoneyRequested;
import io.piaf.requests.RequestCommandRejected;
import io.piaf.requests.RequestId;
import reactor.core.publisher.Mono;

/**
 * What requests' events mean to their users: the payer is asked (and reminded), with what the web needs to offer
 * Pay and Decline ({@code requestId}); the requester learns who paid and who declined. A payer sees only their own part.
 */
@Component
class RequestNotifications {

    private final Notifier notifier;

    RequestNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code money_requested}, to the payer: {@code requestId}, {@code requester}, {@code amount}, {@code note}. */
    @OutboxListener(id = "notifications.MoneyRequested")
    Mono<Void> on(MoneyRequested event, EventContext context) {
        return notifier.notify(event.payerId(), "money_requested",
                asked(event.requestId(), event.requesterId(), event.requesterHandle(), event.amount(), event.note()), context.eventId());
    }

    /** {@code money_request_reminder}, to the payer, as {@code money_requested}. */
    @OutboxListener(id = "notifications.MoneyRequestReminded")
    Mono<Void> on(MoneyRequestReminded event, EventContext context) {
        return notifier.notify(event.payerId(), "money_request_reminder",
                asked(event.requestId(), event.requesterId(), event.requesterHandle(), event.amount(), event.note()), context.eventId());
    }

    /** {@code money_request_paid}, to the requester: {@code payer}, {@code amount}, {@code paymentId}. */
    @OutboxListener(id = "notifications.MoneyRequestPaid")
    Mono<Void> on(MoneyRequestPaid event, EventContext context) {
        var data = answered(event.requestId(), event.payerId(), event.payerHandle(), event.amount());
        data.put("paymentId", event.paymentId().toString());
        return notifier.notify(event.requesterId(), "money_request_paid", data, context.eventId());
    }

    /** {@code money_request_declined}, to the requester: {@code payer}, {@code amount}. */
    @OutboxListener(id = "notifications.MoneyRequestDeclined")
    Mono<Void> on(MoneyRequestDeclined event, EventContext context) {
        return notifier.notify(event.requesterId(), "money_request_declined",
                answered(event.requestId(), event.payerId(), event.payerHandle(), event.amount()), context.eventId());
    }

    /** {@code money_request_rejected}: a {@code #demander} post that made no request, and why. */
    @OutboxListener(id = "notifications.RequestCommandRejected")
    Mono<Void> on(RequestCommandRejected event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("author", Map.of("id", event.authorId().toString(), "handle", event.authorHandle()));
        data.put("code", event.code());
        data.put("detail", event.detail());
        data.put("source", "POST");
        data.put("sourceId", event.postId());
        return notifier.notify(event.authorId(), "money_request_rejected", data, context.eventId());
    }

    private static Map<String, Object> asked(RequestId request, UserId requester, String handle, Money amount, String note) {
        var data = new LinkedHashMap<String, Object>();
        data.put("requestId", request.toString());
        data.put("requester", Map.of("id", requester.toString(), "handle", handle));
        data.put("amount", amount.decimal());
        data.put("currency", "EUR");
        if (note != null) {
            data.put("note", note);
        }
        return data;
    }

    private static LinkedHashMap<String, Object> answered(RequestId request, UserId payer, String handle, Money amount) {
        var data = new LinkedHashMap<String, Object>();
        data.put("requestId", request.toString());
        data.put("payer", Map.of("id", payer.toString(), "handle", handle));
        data.put("amount", amount.decimal());
        data.put("currency", "EUR");
        return data;
    }
}
