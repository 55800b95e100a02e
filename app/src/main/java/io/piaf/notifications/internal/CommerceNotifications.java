package io.piaf.notifications.internal;

import java.util.LinkedHashMap;

import org.springframework.stereotype.Component;

import io.piaf.commerce.RefundSucceeded;
import io.piaf.commerce.WebhookEndpointDisabled;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/** What merchants' events mean to the people who paid them, and to the merchants' owners. */
@Component
class CommerceNotifications {

    private final Notifier notifier;

    CommerceNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code checkout_refunded}, to the payer: which shop gave back how much of which checkout, and why if it said. */
    @OutboxListener(id = "notifications.RefundSucceeded")
    Mono<Void> on(RefundSucceeded event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("refundId", event.refundId().toString());
        data.put("sessionId", event.sessionId().toString());
        data.put("merchantName", event.merchantName());
        data.put("amount", event.amount().decimal());
        data.put("currency", "EUR");
        if (event.reason() != null) {
            data.put("refundReason", event.reason());
        }
        return notifier.notify(event.payerId(), "checkout_refunded", data, context.eventId());
    }

    /** {@code webhook_endpoint_disabled}, to the merchant's owner: which endpoint stopped getting events, failing since when. */
    @OutboxListener(id = "notifications.WebhookEndpointDisabled")
    Mono<Void> on(WebhookEndpointDisabled event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("endpointId", event.endpointId().toString());
        data.put("merchantName", event.merchantName());
        data.put("url", event.url());
        data.put("failingSince", event.failingSince().toString());
        return notifier.notify(event.ownerId(), "webhook_endpoint_disabled", data, context.eventId());
    }
}
