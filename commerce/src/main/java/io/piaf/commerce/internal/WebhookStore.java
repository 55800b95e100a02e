package io.piaf.commerce.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.piaf.commerce.MerchantId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Webhook endpoints and deliveries. A NOTIFY on {@link #CHANNEL} at commit wakes the dispatcher. */
@Repository
class WebhookStore {

    static final String CHANNEL = "commerce_webhooks";

    record Endpoint(UUID id, MerchantId merchantId, String url, List<String> events, String secret, boolean enabled, Instant createdAt,
            Instant disabledAt) {
    }

    /** An endpoint's failure streak after an attempt. */
    record Streak(int consecutiveFailures, Instant failingSince) {
    }

    /** A delivery claimed for one attempt, with what it needs to send it. */
    record Due(UUID id, UUID eventId, UUID endpointId, String type, String body, int attempts, Instant windowStart, String url, String secret) {
    }

    record Delivery(UUID id, UUID eventId, String type, String status, int attempts, Instant nextAttemptAt, Integer lastStatus,
            Integer lastLatencyMs, String lastError, Instant createdAt, Instant deliveredAt) {
    }

    private final DatabaseClient db;

    WebhookStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insertEndpoint(Endpoint e) {
        return db.sql("insert into commerce.webhook_endpoint (id, merchant_id, url, events, secret) values ($1, $2, $3, $4, $5)")
                .bind(0, e.id()).bind(1, e.merchantId().value()).bind(2, e.url()).bind(3, e.events().toArray(String[]::new))
                .bind(4, e.secret()).then();
    }

    Flux<Endpoint> endpoints(MerchantId merchant) {
        return db.sql("select * from commerce.webhook_endpoint where merchant_id = $1 order by created_at").bind(0, merchant.value())
                .map(WebhookStore::endpoint).all();
    }

    private static Endpoint endpoint(io.r2dbc.spi.Readable r) {
        return new Endpoint(r.get("id", UUID.class), new MerchantId(r.get("merchant_id", UUID.class)), r.get("url", String.class),
                List.of(r.get("events", String[].class)), r.get("secret", String.class), Boolean.TRUE.equals(r.get("enabled", Boolean.class)),
                r.get("created_at", Instant.class), r.get("disabled_at", Instant.class));
    }

    /** One delivery of the event to each enabled endpoint of the merchant that subscribed to its type; once per event. */
    Mono<Long> enqueue(UUID eventId, MerchantId merchant, String type, String body) {
        return db.sql("""
                with added as (
                    insert into commerce.webhook_delivery (id, event_id, endpoint_id, type, body, status, next_attempt_at)
                    select gen_random_uuid(), $1, e.id, $3, $4, 'PENDING', now() from commerce.webhook_endpoint e
                    where e.merchant_id = $2 and e.enabled and $3 = any (e.events)
                    on conflict (event_id, endpoint_id) do nothing returning 1)
                select count(*), pg_notify('%s', '') is null from added""".formatted(CHANNEL))
                .bind(0, eventId).bind(1, merchant.value()).bind(2, type).bind(3, body)
                .map(r -> r.get(0, Long.class)).one();
    }

    /**
     * One delivery of a test event to one endpoint, whatever it subscribed to (the merchant asked for it); it is then
     * sent, retried and logged like any other. The event id is new, so a receiver's deduplication lets it through.
     */
    Mono<Delivery> enqueueTest(UUID endpoint, UUID eventId, String type, String body) {
        return db.sql("""
                insert into commerce.webhook_delivery (id, event_id, endpoint_id, type, body, status, next_attempt_at)
                values (gen_random_uuid(), $1, $2, $3, $4, 'PENDING', now()) returning *""")
                .bind(0, eventId).bind(1, endpoint).bind(2, type).bind(3, body).map(WebhookStore::delivery).one()
                .flatMap(d -> notifyDispatcher().thenReturn(d));
    }

    /**
     * Claims up to {@code limit} due deliveries for one attempt each: the lease pushes their next attempt past the
     * attempt's timeout, so an instance that dies mid-attempt leaves them to be tried again (at least once).
     */
    Flux<Due> claim(int limit, Duration lease) {
        return db.sql("""
                update commerce.webhook_delivery d set next_attempt_at = now() + $2 * interval '1 millisecond'
                from commerce.webhook_endpoint e
                where d.endpoint_id = e.id and d.id in (
                    select p.id from commerce.webhook_delivery p join commerce.webhook_endpoint pe on pe.id = p.endpoint_id
                    where p.status = 'PENDING' and p.next_attempt_at <= now() and pe.enabled
                    order by p.next_attempt_at limit $1 for update of p skip locked)
                returning d.id, d.event_id, d.endpoint_id, d.type, d.body, d.attempts,
                    coalesce(d.window_started_at, d.created_at) as window_start, e.url, e.secret""")
                .bind(0, limit).bind(1, lease.toMillis())
                .map(r -> new Due(r.get("id", UUID.class), r.get("event_id", UUID.class), r.get("endpoint_id", UUID.class),
                        r.get("type", String.class), r.get("body", String.class), r.get("attempts", Integer.class),
                        r.get("window_start", Instant.class), r.get("url", String.class), r.get("secret", String.class)))
                .all();
    }

    /** Records an attempt: delivered, to be retried at {@code nextAttemptAt}, or failed for good (null). */
    Mono<Void> attempted(UUID id, boolean delivered, Integer status, int latencyMs, String error, Instant nextAttemptAt) {
        var spec = db.sql("""
                update commerce.webhook_delivery set attempts = attempts + 1, last_status = :status, last_latency_ms = :latency,
                    last_error = :error, status = :state, next_attempt_at = :next, delivered_at = case when :delivered then now() end
                where id = :id""")
                .bind("id", id).bind("latency", latencyMs).bind("delivered", delivered)
                .bind("state", delivered ? "DELIVERED" : nextAttemptAt == null ? "FAILED" : "PENDING");
        spec = status == null ? spec.bindNull("status", Integer.class) : spec.bind("status", status);
        spec = error == null ? spec.bindNull("error", String.class) : spec.bind("error", error.length() > 300 ? error.substring(0, 300) : error);
        spec = delivered || nextAttemptAt == null ? spec.bindNull("next", java.time.OffsetDateTime.class)
                : spec.bind("next", nextAttemptAt.atOffset(java.time.ZoneOffset.UTC));
        return spec.then();
    }

    /** Ends the endpoint's failure streak (an attempt was delivered), or extends it; the streak after. */
    Mono<Streak> streak(UUID endpoint, boolean delivered) {
        return db.sql(delivered
                ? "update commerce.webhook_endpoint set consecutive_failures = 0, failing_since = null where id = $1 returning consecutive_failures, failing_since"
                : """
                  update commerce.webhook_endpoint set consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, now())
                  where id = $1 returning consecutive_failures, failing_since""")
                .bind(0, endpoint).map(r -> new Streak(r.get("consecutive_failures", Integer.class), r.get("failing_since", Instant.class))).one();
    }

    /** Disables an enabled endpoint; empty when it was already disabled. */
    Mono<Endpoint> disable(UUID endpoint) {
        return db.sql("update commerce.webhook_endpoint set enabled = false, disabled_at = now() where id = $1 and enabled returning *")
                .bind(0, endpoint).map(WebhookStore::endpoint).one();
    }

    /** Enables an endpoint again with a clean streak; its waiting deliveries are due at once. */
    Mono<Void> enable(UUID endpoint) {
        return db.sql("""
                with enabled as (
                    update commerce.webhook_endpoint set enabled = true, disabled_at = null, consecutive_failures = 0, failing_since = null
                    where id = $1 returning id)
                update commerce.webhook_delivery set next_attempt_at = now()
                where endpoint_id in (select id from enabled) and status = 'PENDING'""")
                .bind(0, endpoint).then().then(notifyDispatcher());
    }

    /**
     * Sends a delivery again, whatever its state: due now, with a new 3-day retry window (the merchant asked, so the
     * endpoint is worth trying again). Empty when the endpoint has no such delivery.
     */
    Mono<Delivery> resend(UUID endpoint, UUID delivery) {
        return db.sql("""
                update commerce.webhook_delivery set status = 'PENDING', next_attempt_at = now(), window_started_at = now(), delivered_at = null
                where id = $1 and endpoint_id = $2 returning *""")
                .bind(0, delivery).bind(1, endpoint).map(WebhookStore::delivery).one()
                .flatMap(d -> notifyDispatcher().thenReturn(d));
    }

    private Mono<Void> notifyDispatcher() {
        return db.sql("select pg_notify('%s', '')".formatted(CHANNEL)).then();
    }

    Flux<Delivery> deliveries(UUID endpoint, int limit) {
        return db.sql("select * from commerce.webhook_delivery where endpoint_id = $1 order by created_at desc limit $2")
                .bind(0, endpoint).bind(1, limit).map(WebhookStore::delivery).all();
    }

    private static Delivery delivery(io.r2dbc.spi.Readable r) {
        return new Delivery(r.get("id", UUID.class), r.get("event_id", UUID.class), r.get("type", String.class),
                r.get("status", String.class), r.get("attempts", Integer.class), r.get("next_attempt_at", Instant.class),
                r.get("last_status", Integer.class), r.get("last_latency_ms", Integer.class), r.get("last_error", String.class),
                r.get("created_at", Instant.class), r.get("delivered_at", Instant.class));
    }
}
