package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import io.piaf.budgets.BudgetMonthClosed;
import io.piaf.budgets.FlattrsPaid;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/**
 * What a budget month's close means to its users: the budget's owner learns what was paid (or returned); once the
 * whole month has closed, each creator paid learns what the month's flattrs paid them, all payers together — not who
 * paid, which stays between the two in the budget's own pages.
 */
@Component
class BudgetNotifications {

    private final Notifier notifier;

    BudgetNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * {@code budget_closed} to the owner ({@code month}, {@code amount}, {@code fee}, {@code returned}). A batch
     * listener: a month close appends a thousand of these per transaction, and a relay batch of them becomes one insert.
     */
    @OutboxListener(id = "notifications.BudgetMonthClosed")
    Mono<Void> on(List<Delivered<BudgetMonthClosed>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var event = d.event();
            var data = new LinkedHashMap<String, Object>();
            data.put("month", event.month());
            data.put("amount", event.budget().decimal());
            data.put("fee", event.fee().decimal());
            data.put("currency", "EUR");
            data.put("returned", event.returned());
            return new Notifier.Notification(event.userId(), "budget_closed", data, d.context().eventId());
        }).toList());
    }

    /** {@code flattrs_paid} to a creator: the month, what it paid them ({@code amount}) and for how many {@code flattrs}. */
    @OutboxListener(id = "notifications.FlattrsPaid")
    Mono<Void> onFlattrsPaid(List<Delivered<FlattrsPaid>> batch) {
        return notifier.notifyAll(batch.stream().map(d -> {
            var event = d.event();
            var data = new LinkedHashMap<String, Object>();
            data.put("month", event.month());
            data.put("amount", event.amount().decimal());
            data.put("currency", "EUR");
            data.put("flattrs", event.flattrs());
            return new Notifier.Notification(event.creatorId(), "flattrs_paid", data, d.context().eventId());
        }).toList());
    }
}
