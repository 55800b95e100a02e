package io.piaf.notifications.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import io.piaf.budgets.BudgetMonthClosed;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/**
 * What a budget month's close means to its users: the budget's owner learns what was paid (or returned), each creator
 * paid learns their amount — not who paid it, which stays between the two in the budget's own pages.
 */
@Component
class BudgetNotifications {

    private final Notifier notifier;

    BudgetNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * {@code budget_closed} to the owner ({@code month}, {@code amount}, {@code fee}, {@code returned}); {@code flattrs_paid}
     * to each creator paid. A batch listener: a month close appends a thousand of these per transaction, and a relay
     * batch of them becomes one insert.
     */
    @OutboxListener(id = "notifications.BudgetMonthClosed")
    Mono<Void> on(List<Delivered<BudgetMonthClosed>> batch) {
        var notifications = new ArrayList<Notifier.Notification>();
        for (var delivered : batch) {
            add(notifications, delivered.event(), delivered.context());
        }
        return notifier.notifyAll(notifications);
    }

    private static void add(List<Notifier.Notification> notifications, BudgetMonthClosed event, EventContext context) {
        var owner = new LinkedHashMap<String, Object>();
        owner.put("month", event.month());
        owner.put("amount", event.budget().decimal());
        owner.put("fee", event.fee().decimal());
        owner.put("currency", "EUR");
        owner.put("returned", event.returned());
        notifications.add(new Notifier.Notification(event.userId(), "budget_closed", owner, context.eventId()));
        for (var payout : event.payouts()) {
            if (payout.amount().isPositive()) {
                var data = new LinkedHashMap<String, Object>();
                data.put("month", event.month());
                data.put("amount", payout.amount().decimal());
                data.put("currency", "EUR");
                data.put("flattrs", payout.flattrs());
                notifications.add(new Notifier.Notification(payout.creatorId(), "flattrs_paid", data, context.eventId()));
            }
        }
    }
}
