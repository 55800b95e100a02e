package io.piaf.budgets.internal;

import org.springframework.stereotype.Component;

import io.piaf.messaging.PostPublished;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/**
 * Who wrote which post, as messaging announces it: a flattr needs the post's author (to pay them, and to refuse one's
 * own post) and messaging publishes no synchronous read of posts. A post is flattrable once its event has arrived
 * (milliseconds after it is published). Idempotent: a redelivered event inserts nothing.
 */
@Component
class PostAuthors {

    private final BudgetStore store;

    PostAuthors(BudgetStore store) {
        this.store = store;
    }

    @OutboxListener(id = "budgets.PostAuthors")
    Mono<Void> on(PostPublished post) {
        return store.savePost(post.postId().value(), post.authorId().value(), post.authorHandle(), post.visibility().name(), post.publishedAt());
    }
}
