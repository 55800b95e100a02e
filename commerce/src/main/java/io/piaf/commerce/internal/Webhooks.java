package io.piaf.commerce.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.piaf.commerce.CheckoutSessionCompleted;
import io.piaf.commerce.CheckoutSessionExpired;
import io.piaf.commerce.MerchantId;
import io.piaf.commerce.PayoutPaid;
import io.piaf.commerce.RefundSucceeded;
import io.piaf.commerce.internal.domain.WebhookUrls;
import io.piaf.common.ProblemException;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook endpoints, and the events that become deliveries: each event reaches commerce through the outbox and is
 * written as one delivery per subscribed endpoint (once per event id), which {@link WebhookDispatcher} sends.
 */
@Service
class Webhooks {

    static final Set<String> TYPES = Set.of("checkout.session.completed", "checkout.session.expired", "refund.succeeded", "payout.paid");
    /** What "send test event" sends: not one of the {@link #TYPES} an endpoint subscribes to, every endpoint can get it. */
    static final String TEST = "webhook.test";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final SessionStore sessions;
    private final CommerceProperties properties;
    private final JsonMapper json;

    Webhooks(WebhookStore store, SessionStore sessions, CommerceProperties properties, JsonMapper json) {
        this.store = store;
        this.sessions = sessions;
        this.properties = properties;
        this.json = json;
    }

    Mono<WebhookStore.Endpoint> create(MerchantId merchant, String url, List<String> events) {
        var malformed = WebhookUrls.malformed(url);
        if (malformed != null) {
            return Mono.error(ProblemException.badRequest("invalid_url", malformed));
        }
        if (events == null || events.isEmpty() || !TYPES.containsAll(events)) {
            return Mono.error(ProblemException.badRequest("invalid_events", "events is a non-empty list of " + TYPES.stream().sorted().toList() + "."));
        }
        return allowed(url).flatMap(ok -> {
            if (!ok) {
                return Mono.error(ProblemException.unprocessable("forbidden_url",
                        "Webhooks are not sent to loopback, link-local or private addresses."));
            }
            var bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            var endpoint = new WebhookStore.Endpoint(UUID.randomUUID(), merchant, url, List.copyOf(Set.copyOf(events)),
                    "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), true, Instant.now(), null);
            return store.insertEndpoint(endpoint).thenReturn(endpoint);
        });
    }

    /** Whether the URL's host resolves only to public addresses (or is allow-listed); DNS off the event loop. */
    Mono<Boolean> allowed(String url) {
        var host = URI.create(url).getHost();
        var bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return Mono.fromCallable(() -> {
            try {
                return WebhookUrls.allowed(bare, List.of(InetAddress.getAllByName(bare)), properties.webhookAllowedHosts());
            } catch (UnknownHostException e) {
                return WebhookUrls.allowed(bare, List.of(), properties.webhookAllowedHosts());
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    Mono<WebhookStore.Endpoint> owned(MerchantId merchant, UUID endpoint) {
        return store.endpoints(merchant).filter(e -> e.id().equals(endpoint)).next()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("endpoint_not_found", "No such webhook endpoint.")));
    }

    /**
     * A {@code webhook.test} event to one enabled endpoint of the merchant, through the dispatcher like the others
     * (signed, retried, in the delivery log). No outbox: nothing else changes that it would have to commit with.
     */
    Mono<WebhookStore.Delivery> sendTest(MerchantId merchant, UUID endpoint) {
        return owned(merchant, endpoint).flatMap(e -> {
            if (!e.enabled()) {
                return Mono.error(ProblemException.conflict("endpoint_disabled", "This endpoint is disabled: enable it first."));
            }
            var eventId = UUID.randomUUID();
            var object = new LinkedHashMap<String, Object>();
            object.put("id", e.id().toString());
            object.put("object", "webhook_endpoint");
            object.put("url", e.url());
            return store.enqueueTest(e.id(), eventId, TEST, json.writeValueAsString(event(eventId, TEST, Instant.now(), object)));
        });
    }

    @OutboxListener(id = "commerce.Webhooks.onCheckoutCompleted")
    Mono<Void> on(CheckoutSessionCompleted event, EventContext context) {
        return sessions.find(event.sessionId())
                .flatMap(session -> enqueue(context, event.merchantId(), "checkout.session.completed", CommerceViews.session(session, properties)))
                .then();
    }

    @OutboxListener(id = "commerce.Webhooks.onCheckoutExpired")
    Mono<Void> on(CheckoutSessionExpired event, EventContext context) {
        return sessions.find(event.sessionId())
                .flatMap(session -> enqueue(context, event.merchantId(), "checkout.session.expired", CommerceViews.session(session, properties)))
                .then();
    }

    @OutboxListener(id = "commerce.Webhooks.onRefundSucceeded")
    Mono<Void> on(RefundSucceeded event, EventContext context) {
        var object = new LinkedHashMap<String, Object>();
        object.put("id", event.refundId().toString());
        object.put("object", "refund");
        object.put("status", "SUCCEEDED");
        object.put("sessionId", event.sessionId().toString());
        object.put("amount", CommerceViews.money(event.amount().minorUnits()));
        object.put("refundedInTotal", CommerceViews.money(event.refundedInTotal().minorUnits()));
        object.put("reason", event.reason());
        return enqueue(context, event.merchantId(), "refund.succeeded", object).then();
    }

    @OutboxListener(id = "commerce.Webhooks.onPayoutPaid")
    Mono<Void> on(PayoutPaid event, EventContext context) {
        var object = new LinkedHashMap<String, Object>();
        object.put("id", event.payoutId().toString());
        object.put("object", "payout");
        object.put("status", "PAID");
        object.put("amount", CommerceViews.money(event.amount().minorUnits()));
        object.put("destination", "sandbox_bank");
        object.put("paidAt", event.paidAt().toString());
        return enqueue(context, event.merchantId(), "payout.paid", object).then();
    }

    private Mono<Long> enqueue(EventContext context, MerchantId merchant, String type, Object object) {
        return store.enqueue(context.eventId(), merchant, type, json.writeValueAsString(event(context.eventId(), type, context.occurredAt(), object)));
    }

    private static Map<String, Object> event(UUID id, String type, Instant created, Object object) {
        var body = new LinkedHashMap<String, Object>();
        body.put("id", "evt_" + id);
        body.put("type", type);
        body.put("created", created.getEpochSecond());
        body.put("data", Map.of("object", object));
        return body;
    }
}
