package io.piaf.messaging;

import java.util.Collection;

import io.piaf.identity.UserId;
import reactor.core.publisher.Flux;

/**
 * Who may see a post, answered now, for modules that act on a post on someone's behalf (notifications tell a
 * mentioned user about a post only if that user may read it).
 */
public interface PostAudience {

    /** Those among {@code candidates} who may see the post now; none when there is no such post. */
    Flux<UserId> readersAmong(PostId post, Collection<UserId> candidates);
}
