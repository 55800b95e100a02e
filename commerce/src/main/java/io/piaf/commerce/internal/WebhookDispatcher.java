package io.piaf.commerce.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

import io.piaf.commerce.WebhookEndpointDisabled;
import io.piaf.commerce.internal.domain.EndpointHealth;
import io.piaf.commerce.internal.domain.Retries;
import io.piaf.outbox.Outbox;
import io.piaf.commerce.internal.domain.WebhookSignatures;
import io.piaf.platform.background.BackgroundWork;
import io.piaf.platform.background.PostgresChannels;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends due webhook deliveries: woken by the NOTIFY of each enqueue (and a periodic poll for retries), it claims a
 * batch and posts each one concurrently, up to {@code delivery-concurrency} in flight, each bounded by
 * {@code delivery-timeout}. A slow endpoint holds one slot for at most the timeout: other merchants' deliveries and
 * the outbox relay (which only enqueues) go on. Redirects are not followed; the URL's addresses are checked again
 * before each attempt (DNS may have changed since the endpoint was registered).
 */
@Component
class WebhookDispatcher extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookStore store;
    private final Webhooks webhooks;
    private final PostgresChannels channels;
    private final CommerceProperties properties;
    private final WebClient http;
    private final Merchants merchants;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    WebhookDispatcher(WebhookStore store, Webhooks webhooks, PostgresChannels channels, CommerceProperties properties, Merchants merchants,
            Outbox outbox, ReactiveTransactionManager transactions) {
        this.store = store;
        this.webhooks = webhooks;
        this.channels = channels;
        this.properties = properties;
        this.merchants = merchants;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
        this.http = WebClient.builder().build(); // redirects are not followed (Reactor Netty's default)
    }

    @Override
    protected Flux<?> work() {
        var ticks = Flux.merge(channels.listen(WebhookStore.CHANNEL), Flux.interval(properties.deliveryPoll()).map(t -> ""))
                .onBackpressureLatest();
        // one claim at a time; deliveries run beside it, so a slow batch never holds the next claim
        return ticks.concatMap(t -> claimAndSend().onErrorResume(e -> {
            log.warn("Webhook dispatch failed: {}", e.toString());
            return Mono.empty();
        }), 1);
    }

    private Mono<Void> claimAndSend() {
        var lease = properties.deliveryTimeout().plusSeconds(30);
        return store.claim(properties.deliveryConcurrency(), lease).collectList().doOnNext(batch -> {
            Flux.fromIterable(batch).flatMap(this::send, properties.deliveryConcurrency()).subscribe(null,
                    e -> log.warn("Webhook delivery failed: {}", e.toString()));
        }).then();
    }

    Mono<Void> send(WebhookStore.Due due) {
        var started = System.nanoTime();
        var timestamp = Instant.now().getEpochSecond();
        return webhooks.allowed(due.url()).flatMap(allowed -> !allowed
                ? record(due, null, started, "forbidden_url")
                : http.post().uri(due.url())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Piaf-Signature", WebhookSignatures.header(due.secret(), timestamp, due.body()))
                        .header("Piaf-Event-Id", due.eventId().toString())
                        .header("User-Agent", "Piaf-Webhooks/1")
                        .bodyValue(due.body())
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                        .timeout(properties.deliveryTimeout())
                        .flatMap(status -> record(due, status, started, Retries.delivered(status) ? null : "HTTP " + status))
                        .onErrorResume(e -> record(due, null, started, e.getClass().getSimpleName() + ": " + e.getMessage())));
    }

    private Mono<Void> record(WebhookStore.Due due, Integer status, long started, String error) {
        var latency = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
        var delivered = error == null;
        var attempts = due.attempts() + 1;
        var wait = delivered ? null : Retries.next(attempts, Duration.between(due.windowStart(), Instant.now()), ThreadLocalRandom.current());
        return transactional.transactional(store.attempted(due.id(), delivered, status, latency, error, wait == null ? null : Instant.now().plus(wait))
                .then(store.streak(due.endpointId(), delivered))
                .flatMap(streak -> EndpointHealth.disable(streak.consecutiveFailures(), streak.failingSince(), Instant.now())
                        ? disable(due.endpointId(), streak.failingSince()) : Mono.empty()));
    }

    /** The endpoint stops getting deliveries, and its merchant's owner is told (with the event, in the same transaction). */
    private Mono<Void> disable(java.util.UUID endpoint, Instant failingSince) {
        return store.disable(endpoint).flatMap(e -> merchants.find(e.merchantId()).flatMap(m -> {
            log.warn("Webhook endpoint {} of merchant {} disabled: failing since {}", e.id(), m.id(), failingSince);
            return outbox.append(new WebhookEndpointDisabled(e.id(), m.id(), m.name(), m.owner(), e.url(), failingSince, e.disabledAt()));
        }));
    }
}
