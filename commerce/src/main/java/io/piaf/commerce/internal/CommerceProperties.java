package io.piaf.commerce.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param appUrl where Piaf's web app answers: a session's {@code url} is {@code appUrl/checkout/<id>}
 * @param maxCheckout the largest checkout, in cents (merchants' cap; P2P limits do not apply to it)
 * @param webhookAllowedHosts hosts a webhook may name even though they resolve to loopback or private addresses
 *        (development: the sample merchant on localhost). Empty in production
 * @param deliveryConcurrency webhooks in flight at once: a slow endpoint holds one slot, not the relay
 * @param deliveryTimeout how long one attempt may take before it counts as failed
 * @param deliveryPoll how often due deliveries are looked for when no event woke the dispatcher
 * @param expirySweep how often open sessions past their expiry time are marked EXPIRED (and their webhook sent)
 * @param payoutZone whose days payout schedules run on (a daily payout is made in the first sweep of each day)
 * @param payoutSweep how often due payout schedules are looked for
 */
@ConfigurationProperties("piaf.commerce")
record CommerceProperties(
        @DefaultValue("http://localhost:8080") String appUrl,
        @DefaultValue("1000000") long maxCheckout,
        @DefaultValue List<String> webhookAllowedHosts,
        @DefaultValue("32") int deliveryConcurrency,
        @DefaultValue("10s") Duration deliveryTimeout,
        @DefaultValue("1s") Duration deliveryPoll,
        @DefaultValue("30s") Duration expirySweep,
        @DefaultValue("Europe/Paris") ZoneId payoutZone,
        @DefaultValue("1m") Duration payoutSweep) {
}
