package io.piaf.requests.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.messaging.PostPublished;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentSource;
import io.piaf.requests.RequestCommandRejected;
import io.piaf.requests.internal.domain.RequestCommand;
import io.piaf.requests.internal.domain.RequestCommandParser;
import io.piaf.requests.internal.domain.RequestRules;
import reactor.core.publisher.Mono;

/**
 * Requesting by post: {@code #demander 15€ @bob @carol} asks each named person for the amount, as the API does (each
 * is notified with Pay / Decline). One request per post however often its event comes (the post's id is unique among
 * requests). A refused command is announced to its author with its code.
 */
@Component
class RequestByPost {

    private final RequestService service;
    private final Outbox outbox;
    private final TransactionalOperator transactional;

    RequestByPost(RequestService service, Outbox outbox, ReactiveTransactionManager transactions) {
        this.service = service;
        this.outbox = outbox;
        this.transactional = TransactionalOperator.create(transactions);
    }

    @OutboxListener(id = "requests.RequestByPost")
    Mono<Void> on(PostPublished post) {
        return switch (RequestCommandParser.parse(post.text())) {
            case RequestCommand.None none -> Mono.empty();
            case RequestCommand.Invalid invalid -> reject(post, invalid.code(), invalid.detail());
            case RequestCommand.Parsed parsed -> service.create(post.authorId(),
                            new RequestRules.Ask(post.authorHandle(), parsed.handles(), parsed.amount(), null, null, shorten(parsed.note())),
                            PaymentSource.POST, post.postId().toString())
                    .then()
                    .onErrorResume(ProblemException.class, p -> reject(post, p.code(), p.detail()));
        };
    }

    private Mono<Void> reject(PostPublished post, String code, String detail) {
        return transactional.transactional(outbox.append(new RequestCommandRejected(post.authorId(), post.authorHandle(),
                post.postId().toString(), code, detail, Instant.now())));
    }

    private static String shorten(String note) {
        return note != null && note.length() > RequestRules.MAX_NOTE ? note.substring(0, RequestRules.MAX_NOTE - 1) + "…" : note;
    }
}
