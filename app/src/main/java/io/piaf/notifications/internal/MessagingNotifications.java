package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.messaging.DirectMessageSent;
import io.piaf.messaging.FollowRequested;
import io.piaf.messaging.UsersMentioned;
import io.piaf.messaging.UserFollowed;
import io.piaf.notifications.internal.Notifier.Notification;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;

import reactor.core.publisher.Mono;

/**
 * What messaging's events mean to their users: a new follower, a follow request and its approval, a mention, a
 * direct message.
 */
@Component
class MessagingNotifications {

    private final Notifier notifier;

    MessagingNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * {@code new_follower} to the followee: {@code {"follower":{"id","handle"}}}; or, when the followee approved a
     * request (and so knows already), {@code follow_approved} to the follower: {@code {"followee":{"id","handle"}}}.
     */
    @OutboxListener(id = "notifications.NewFollower")
    Mono<Void> onFollowed(List<Delivered<UserFollowed>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var event = d.event();
            return event.approved()
                    ? new Notification(event.followerId(), "follow_approved",
                            Map.of("followee", user(event.followeeId(), event.followeeHandle())), d.context().eventId())
                    : new Notification(event.followeeId(), "new_follower",
                            Map.of("follower", user(event.followerId(), event.followerHandle())), d.context().eventId());
        }).toList());
    }

    /** {@code follow_requested} to the protected account: {@code {"follower":{"id","handle"}}}. */
    @OutboxListener(id = "notifications.FollowRequested")
    Mono<Void> onFollowRequested(List<Delivered<FollowRequested>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> new Notification(d.event().targetId(), "follow_requested",
                Map.of("follower", user(d.event().requesterId(), d.event().requesterHandle())), d.context().eventId())).toList());
    }

    /**
     * {@code mention}: {@code {"postId","author":{"id","handle"},"text"}}, to each mentioned user other than the
     * author who may see the post: messaging decided who that is when it published the post (a FOLLOWERS post does
     * not reach a mentioned non-follower), so this module never calls messaging.
     */
    @OutboxListener(id = "notifications.Mentioned")
    Mono<Void> on(UsersMentioned event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("postId", event.postId().toString());
        data.put("author", user(event.authorId(), event.authorHandle()));
        data.put("text", event.text());
        return notifier.notifyAll(event.readers().stream()
                .map(reader -> new Notification(reader.userId(), "mention", data, context.eventId())).toList());
    }

    /** {@code direct_message}: {@code {"conversationId","messageId","from":{"id","handle"},"text"}}. */
    @OutboxListener(id = "notifications.DirectMessage")
    Mono<Void> onMessage(List<Delivered<DirectMessageSent>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var event = d.event();
            var data = new LinkedHashMap<String, Object>();
            data.put("conversationId", event.conversationId().toString());
            data.put("messageId", event.messageId().toString());
            data.put("from", user(event.senderId(), event.senderHandle()));
            data.put("text", event.text());
            return new Notification(event.recipientId(), "direct_message", data, d.context().eventId());
        }).toList());
    }

    private static Map<String, String> user(UserId id, String handle) {
        return Map.of("id", id.toString(), "handle", handle);
    }
}
