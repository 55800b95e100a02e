package io.piaf.payments.internal;

import org.springframework.stereotype.Component;

import io.piaf.messaging.UserFollowed;
import io.piaf.messaging.UserUnfollowed;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/** Keeps payments' copy of the follow graph, which decides who sees a FOLLOWERS receipt. */
@Component
class FollowCopier {

    private final FollowCopyStore follows;

    FollowCopier(FollowCopyStore follows) {
        this.follows = follows;
    }

    @OutboxListener(id = "payments.CopyFollow")
    Mono<Void> on(UserFollowed followed) {
        return follows.record(followed.followerId(), followed.followeeId(), true, followed.followedAt());
    }

    @OutboxListener(id = "payments.CopyUnfollow")
    Mono<Void> on(UserUnfollowed unfollowed) {
        return follows.record(unfollowed.followerId(), unfollowed.followeeId(), false, unfollowed.unfollowedAt());
    }
}
