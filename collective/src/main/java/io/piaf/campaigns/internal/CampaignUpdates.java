package io.piaf.campaigns.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.campaigns.CampaignId;
import io.piaf.campaigns.CampaignUpdatePosted;
import io.piaf.campaigns.internal.domain.CampaignMentions;
import io.piaf.identity.UserId;
import io.piaf.messaging.PostDeleted;
import io.piaf.messaging.PostPublished;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Campaign updates are the creator's own public posts that name the campaign's address (as Kickstarter's updates,
 * written where the creator already writes): recorded once per post, announced to every backer; a deleted post
 * leaves the page. A pledge command ({@code #soutenir … @campagne/…}) by the creator is refused as a self-pledge
 * elsewhere and is not an update.
 */
@Component
class CampaignUpdates {

    record Update(UUID postId, String text, java.time.Instant postedAt) {
    }

    private final CampaignStore campaigns;
    private final DatabaseClient db;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    CampaignUpdates(CampaignStore campaigns, DatabaseClient db, Outbox outbox, ReactiveTransactionManager transactions) {
        this.campaigns = campaigns;
        this.db = db;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
    }

    @OutboxListener(id = "campaigns.CampaignUpdates")
    Mono<Void> on(PostPublished post) {
        if (post.visibility() != Visibility.PUBLIC || post.tags().contains("soutenir") || post.tags().contains("back")) {
            return Mono.empty();
        }
        return Flux.fromIterable(CampaignMentions.slugs(post.text()))
                .concatMap(campaigns::findBySlug)
                .filter(campaign -> campaign.creator().equals(post.authorId()))
                .concatMap(campaign -> transactional.transactional(record(campaign.id(), post).flatMap(first -> !first ? Mono.<Void>empty()
                        : backers(campaign.id()).map(backer -> (Object) new CampaignUpdatePosted(campaign.id(), campaign.title(), post.postId(),
                                post.authorId(), post.authorHandle(), backer, post.publishedAt())).collectList().flatMap(outbox::appendAll))))
                .then();
    }

    @OutboxListener(id = "campaigns.CampaignUpdateDeleted")
    Mono<Void> on(PostDeleted deleted) {
        return db.sql("delete from campaigns.campaign_update where post_id = $1").bind(0, deleted.postId().value()).then();
    }

    /** The campaign's updates, newest first. */
    Mono<List<Update>> of(CampaignId campaign, int limit) {
        return db.sql("select post_id, text, posted_at from campaigns.campaign_update where campaign_id = $1 order by posted_at desc limit $2")
                .bind(0, campaign.value()).bind(1, limit)
                .map(r -> new Update(r.get("post_id", UUID.class), r.get("text", String.class),
                        r.get("posted_at", java.time.OffsetDateTime.class).toInstant()))
                .all().collectList();
    }

    private Mono<Boolean> record(CampaignId campaign, PostPublished post) {
        return db.sql("insert into campaigns.campaign_update (campaign_id, post_id, text, posted_at) values ($1, $2, $3, $4) "
                        + "on conflict do nothing")
                .bind(0, campaign.value()).bind(1, post.postId().value()).bind(2, post.text())
                .bind(3, post.publishedAt().atOffset(java.time.ZoneOffset.UTC))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    private Flux<UserId> backers(CampaignId campaign) {
        return db.sql("select distinct backer_id from campaigns.pledge where campaign_id = $1 and status in ('COMPLETED', 'RELEASED')")
                .bind(0, campaign.value()).map(r -> new UserId(r.get(0, UUID.class))).all();
    }
}
