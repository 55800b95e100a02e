package io.piaf.unlocks.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

import io.piaf.messaging.PostDeleted;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.unlocks.UnlockRevoked;
import reactor.core.publisher.Mono;

/**
 * Deleting an unlock post within {@code piaf.unlocks.revocable-for} of its publication revokes the unlock: the
 * content links stop opening and the unlock leaves the creator's stats. Later deletions keep it (the post did its
 * work). Idempotent: only an active unlock is revoked, and other posts find no unlock.
 */
@Component
class UnlockRevoker {

    private final UnlockStore store;
    private final Outbox outbox;
    private final UnlocksProperties properties;

    UnlockRevoker(UnlockStore store, Outbox outbox, UnlocksProperties properties) {
        this.store = store;
        this.outbox = outbox;
        this.properties = properties;
    }

    @OutboxListener(id = "unlocks.RevokeOnPostDeleted")
    Mono<Void> on(PostDeleted deleted) {
        if (deleted.deletedAt().isAfter(deleted.publishedAt().plus(properties.revocableFor()))) {
            return Mono.empty();
        }
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.revoke(deleted.postId(), deleted.deletedAt().minus(properties.revocableFor()), now)
                .flatMap(unlock -> outbox.append(new UnlockRevoked(unlock.unlockable(), unlock.user(), unlock.post(), now)));
    }
}
