package io.piaf.notifications.internal;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.identity.PinLocked;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/** What identity's events mean to their users: their PIN was locked (someone may be trying it). */
@Component
class IdentityNotifications {

    private final Notifier notifier;

    IdentityNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code pin_locked}: {@code {"lockedUntil","lockCount"}}. */
    @OutboxListener(id = "notifications.PinLocked")
    Mono<Void> on(PinLocked event, EventContext context) {
        return notifier.notify(event.userId(), "pin_locked",
                Map.of("lockedUntil", event.lockedUntil().toString(), "lockCount", event.lockCount()), context.eventId());
    }
}
