package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import io.piaf.pots.PotCommandRejected;
import reactor.core.publisher.Mono;

/**
 * What pots' events mean to their users. A contribution waiting for its PIN and its completion are payments' own
 * notifications ({@code payment_requested}, {@code payment_completed}, {@code payment_received}).
 */
@Component
class PotNotifications {

    private final Notifier notifier;

    PotNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code pot_contribution_rejected}: a {@code #participer} post that made no contribution, and why. */
    @OutboxListener(id = "notifications.PotCommandRejected")
    Mono<Void> on(PotCommandRejected event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("author", Map.of("id", event.authorId().toString(), "handle", event.authorHandle()));
        data.put("code", event.code());
        data.put("detail", event.detail());
        data.put("source", "POST");
        data.put("sourceId", event.postId());
        return notifier.notify(event.authorId(), "pot_contribution_rejected", data, context.eventId());
    }
}
