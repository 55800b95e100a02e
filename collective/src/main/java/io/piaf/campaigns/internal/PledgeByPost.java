package io.piaf.campaigns.internal;

import java.time.Instant;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.campaigns.PledgeCommandRejected;
import io.piaf.campaigns.internal.domain.PledgeCommand;
import io.piaf.campaigns.internal.domain.PledgeCommandParser;
import io.piaf.common.ProblemException;
import io.piaf.messaging.PostPublished;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentSource;
import reactor.core.publisher.Mono;

/**
 * Pledging by post: {@code #soutenir 25€ @campagne/cuvee} becomes a pledge (no reward) waiting for the author's PIN;
 * payments notifies the author with the challenge. One pledge per post however often its event comes.
 */
@Component
class PledgeByPost {

    private final CampaignService service;
    private final CampaignStore campaigns;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    PledgeByPost(CampaignService service, CampaignStore campaigns, Outbox outbox, ReactiveTransactionManager transactions) {
        this.service = service;
        this.campaigns = campaigns;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
    }

    @OutboxListener(id = "campaigns.PledgeByPost")
    Mono<Void> on(PostPublished post) {
        return switch (PledgeCommandParser.parse(post.text())) {
            case PledgeCommand.None none -> Mono.empty();
            case PledgeCommand.Invalid invalid -> reject(post, invalid.code(), invalid.detail());
            case PledgeCommand.Parsed parsed -> campaigns.findBySlug(parsed.slug())
                    .switchIfEmpty(Mono.error(CampaignService::notFound))
                    .flatMap(c -> service.pledge(post.authorId(), c.id(), parsed.amount(), null, PaymentSource.POST, post.postId().toString()))
                    .then()
                    // delivered again: payments answers the payment this post already made, whose pledge exists
                    .onErrorResume(DataIntegrityViolationException.class, duplicate -> Mono.empty())
                    .onErrorResume(ProblemException.class, p -> reject(post, p.code(), p.detail()));
        };
    }

    private Mono<Void> reject(PostPublished post, String code, String detail) {
        return transactional.transactional(outbox.append(new PledgeCommandRejected(post.authorId(), post.authorHandle(),
                post.postId().toString(), code, detail, Instant.now())));
    }
}
