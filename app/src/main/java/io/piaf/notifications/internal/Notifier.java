package io.piaf.notifications.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way to notify a user. Call it from an {@code @OutboxListener} (one small class per source module, e.g.
 * {@code MessagingNotifications}; payments' go in a {@code PaymentNotifications} beside it), inside the listener's
 * transaction: the notification commits with the delivery, and live streams on every instance learn of it on commit.
 *
 * <p>Idempotent on (sourceEventId, recipient, type): a redelivered event notifies nobody twice, and one event may
 * notify several recipients, or one recipient of several types.
 */
@Service
class Notifier {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final NotificationStore store;
    private final JsonMapper json;

    Notifier(NotificationStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    /**
     * Notifies {@code recipient}.
     *
     * @param type lower_snake_case, stable: clients switch on it (e.g. {@code new_follower}, {@code payment_received})
     * @param data the notification's {@code data} member: ids, handles, texts, money as decimal strings — values
     *        Jackson writes as JSON; document its shape in API.md with the type
     * @param sourceEventId the {@code EventContext.eventId()} of the event being handled
     */
    Mono<Void> notify(UserId recipient, String type, Map<String, ?> data, UUID sourceEventId) {
        return Mono.defer(() -> notifyAll(List.of(new Notification(recipient, type, data, sourceEventId))));
    }

    /** Several notifications in one statement: what a batch listener writes for a whole relay batch. */
    Mono<Void> notifyAll(List<Notification> notifications) {
        return Mono.fromCallable(() -> notifications.stream()
                        .map(n -> new NotificationStore.New(n.recipient(), n.type(), json.writeValueAsString(n.data()), n.sourceEventId()))
                        .toList())
                .flatMap(store::insertAll)
                .then();
    }

    /** A notification to make: see {@link #notify}. */
    record Notification(UserId recipient, String type, Map<String, ?> data, UUID sourceEventId) {

        Notification {
            if (recipient == null || type == null || !TYPE.matcher(type).matches() || data == null || sourceEventId == null) {
                throw new IllegalArgumentException("A notification needs a recipient, a lower_snake_case type, data "
                        + "and the source event id");
            }
        }
    }
}
