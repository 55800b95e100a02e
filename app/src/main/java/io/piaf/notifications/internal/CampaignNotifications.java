package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.campaigns.CampaignSettled;
import io.piaf.campaigns.PledgeCommandRejected;
import io.piaf.campaigns.CampaignUpdatePosted;
import io.piaf.campaigns.PledgeCollected;
import io.piaf.campaigns.PledgeRefunded;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/**
 * What campaigns' events mean to their users: the creator learns the outcome at the deadline, each backer is told
 * when a pledge comes back or, the goal met, goes to the creator. A pledge waiting for its PIN and its completion are payments' own notifications.
 */
@Component
class CampaignNotifications {

    private final Notifier notifier;

    CampaignNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code campaign_settled}, to the creator: {@code succeeded}, {@code pledged}, {@code fee}. */
    @OutboxListener(id = "notifications.CampaignSettled")
    Mono<Void> on(CampaignSettled event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("campaignId", event.campaignId().toString());
        data.put("succeeded", event.succeeded());
        data.put("pledged", event.pledged().decimal());
        data.put("fee", event.fee().decimal());
        data.put("currency", "EUR");
        return notifier.notify(event.creatorId(), "campaign_settled", data, context.eventId());
    }

    /** {@code pledge_refunded}, to the backer, with why ({@code FAILED}, {@code CANCELLED}, {@code LATE}). */
    @OutboxListener(id = "notifications.PledgeRefunded")
    Mono<Void> on(PledgeRefunded event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("campaignId", event.campaignId().toString());
        data.put("pledgeId", event.pledgeId().toString());
        data.put("amount", event.amount().decimal());
        data.put("currency", "EUR");
        data.put("reason", event.reason());
        return notifier.notify(event.backerId(), "pledge_refunded", data, context.eventId());
    }

    /** {@code pledge_collected}: the campaign met its goal; the backer's pledge went to its creator. */
    @OutboxListener(id = "notifications.PledgeCollected")
    Mono<Void> on(PledgeCollected event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("campaignId", event.campaignId().toString());
        data.put("pledgeId", event.pledgeId().toString());
        data.put("amount", event.amount().decimal());
        data.put("currency", "EUR");
        return notifier.notify(event.backerId(), "pledge_collected", data, context.eventId());
    }

    /** {@code campaign_update}: the creator of a campaign the user backs posted an update. */
    @OutboxListener(id = "notifications.CampaignUpdatePosted")
    Mono<Void> on(CampaignUpdatePosted event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("campaignId", event.campaignId().toString());
        data.put("campaignTitle", event.campaignTitle());
        data.put("postId", event.postId().value().toString());
        data.put("author", java.util.Map.of("id", event.creatorId().toString(), "handle", event.creatorHandle()));
        return notifier.notify(event.backerId(), "campaign_update", data, context.eventId());
    }

    /** {@code pledge_rejected}: a {@code #soutenir} post that made no pledge, and why. */
    @OutboxListener(id = "notifications.PledgeCommandRejected")
    Mono<Void> on(PledgeCommandRejected event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("author", Map.of("id", event.authorId().toString(), "handle", event.authorHandle()));
        data.put("code", event.code());
        data.put("detail", event.detail());
        data.put("source", "POST");
        data.put("sourceId", event.postId());
        return notifier.notify(event.authorId(), "pledge_rejected", data, context.eventId());
    }
}
