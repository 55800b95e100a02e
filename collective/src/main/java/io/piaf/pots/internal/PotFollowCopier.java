package io.piaf.pots.internal;

import org.springframework.stereotype.Component;

import io.piaf.messaging.UserFollowed;
import io.piaf.messaging.UserUnfollowed;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/** Keeps pots' copy of the follow graph, which decides who sees a FOLLOWERS pot's contributions. */
@Component
class PotFollowCopier {

    private final PotStore pots;

    PotFollowCopier(PotStore pots) {
        this.pots = pots;
    }

    @OutboxListener(id = "pots.CopyFollow")
    Mono<Void> on(UserFollowed followed) {
        return pots.recordFollow(followed.followerId(), followed.followeeId(), true, followed.followedAt());
    }

    @OutboxListener(id = "pots.CopyUnfollow")
    Mono<Void> on(UserUnfollowed unfollowed) {
        return pots.recordFollow(unfollowed.followerId(), unfollowed.followeeId(), false, unfollowed.unfollowedAt());
    }
}
