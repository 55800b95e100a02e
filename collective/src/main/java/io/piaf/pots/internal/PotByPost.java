package io.piaf.pots.internal;

import java.time.Instant;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.messaging.PostPublished;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentSource;
import io.piaf.pots.PotCommandRejected;
import io.piaf.pots.internal.domain.PotCommand;
import io.piaf.pots.internal.domain.PotCommandParser;
import reactor.core.publisher.Mono;

/**
 * Contributing by post: {@code #participer 10€ @pot/anniv-lea} becomes a contribution waiting for the author's PIN
 * (payments tells the author, with the challenge, as for pay by post). One contribution per post however often its
 * event comes (payments makes at most one payment per post). A refused command is announced with its code.
 */
@Component
class PotByPost {

    private final PotService service;
    private final PotStore pots;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    PotByPost(PotService service, PotStore pots, Outbox outbox, ReactiveTransactionManager transactions) {
        this.service = service;
        this.pots = pots;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
    }

    @OutboxListener(id = "pots.ContributeByPost")
    Mono<Void> on(PostPublished post) {
        return switch (PotCommandParser.parse(post.text())) {
            case PotCommand.None none -> Mono.empty();
            case PotCommand.Invalid invalid -> reject(post, invalid.code(), invalid.detail());
            case PotCommand.Parsed parsed -> pots.findBySlug(parsed.slug())
                    .switchIfEmpty(Mono.error(PotService::notFound))
                    .flatMap(pot -> service.contribute(new PotService.NewContribution(post.authorId(), pot.id(), parsed.amount(),
                            false, false, shorten(parsed.note()), PaymentSource.POST, post.postId().toString())))
                    .then()
                    // delivered again: payments answers the payment this post already made, whose contribution exists
                    .onErrorResume(DataIntegrityViolationException.class, duplicate -> Mono.empty())
                    .onErrorResume(ProblemException.class, p -> reject(post, p.code(), p.detail()));
        };
    }

    private Mono<Void> reject(PostPublished post, String code, String detail) {
        return transactional.transactional(outbox.append(new PotCommandRejected(post.authorId(), post.authorHandle(),
                post.postId().toString(), code, detail, Instant.now())));
    }

    private static String shorten(String note) {
        return note != null && note.length() > 280 ? note.substring(0, 279) + "…" : note;
    }
}
