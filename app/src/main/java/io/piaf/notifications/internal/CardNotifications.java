package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.cards.CardAuthorizationDeclined;
import io.piaf.cards.CardAuthorized;
import io.piaf.cards.CardRef;
import io.piaf.cards.CardRefunded;
import io.piaf.cards.Merchant;
import io.piaf.notifications.internal.Notifier.Notification;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.Money;
import reactor.core.publisher.Mono;

/**
 * What card events mean to the holder. Every card notification carries {@code card} as {@code {"id","last4"}},
 * {@code authorizationId}, {@code merchant} as {@code {"name","mcc","country"}}, {@code amount} and {@code currency}.
 */
@Component
class CardNotifications {

    private final Notifier notifier;

    CardNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code card_authorized}: a purchase is pending, its amount held on the wallet. */
    @OutboxListener(id = "notifications.CardAuthorized")
    Mono<Void> onAuthorized(List<Delivered<CardAuthorized>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var e = d.event();
            var data = data(e.card(), e.authorizationId().toString(), e.merchant(), e.amount());
            data.put("incremental", e.incremental());
            return new Notification(e.card().holder(), "card_authorized", data, d.context().eventId());
        }).toList());
    }

    /** {@code card_declined}, with the network's {@code reason} code and the same in plain words ({@code explanation}). */
    @OutboxListener(id = "notifications.CardAuthorizationDeclined")
    Mono<Void> onDeclined(List<Delivered<CardAuthorizationDeclined>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var e = d.event();
            var data = data(e.card(), e.authorizationId().toString(), e.merchant(), e.amount());
            data.put("reason", e.reason());
            data.put("explanation", e.explanation());
            return new Notification(e.card().holder(), "card_declined", data, d.context().eventId());
        }).toList());
    }

    /** {@code card_refunded}: money came back to the wallet. */
    @OutboxListener(id = "notifications.CardRefunded")
    Mono<Void> onRefunded(List<Delivered<CardRefunded>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var e = d.event();
            return new Notification(e.card().holder(), "card_refunded",
                    data(e.card(), e.authorizationId().toString(), e.merchant(), e.amount()), d.context().eventId());
        }).toList());
    }

    private static LinkedHashMap<String, Object> data(CardRef card, String authorizationId, Merchant merchant, Money amount) {
        var data = new LinkedHashMap<String, Object>();
        data.put("card", Map.of("id", card.id().toString(), "last4", card.last4()));
        data.put("authorizationId", authorizationId);
        data.put("merchant", Map.of("name", merchant.name(), "mcc", merchant.mcc(), "country", merchant.country()));
        if (amount != null) {
            data.put("amount", amount.decimal());
            data.put("currency", amount.currency());
        }
        return data;
    }
}
