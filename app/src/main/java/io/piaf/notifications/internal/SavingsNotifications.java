package io.piaf.notifications.internal;

import java.util.LinkedHashMap;

import org.springframework.stereotype.Component;

import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import io.piaf.savings.InterestCredited;
import io.piaf.savings.ScheduledSavingSkipped;
import io.piaf.savings.VaultGoalReached;
import reactor.core.publisher.Mono;

/** What savings' events mean to their owners. Every one carries {@code vaultId} and {@code vaultName}, to open the vault. */
@Component
class SavingsNotifications {

    private final Notifier notifier;

    SavingsNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code goal_reached}: {@code {"vaultId","vaultName","goal","balance","currency"}}. */
    @OutboxListener(id = "notifications.VaultGoalReached")
    Mono<Void> on(VaultGoalReached event, EventContext context) {
        var data = vault(event.vaultId().toString(), event.vaultName());
        data.put("goal", event.goal().decimal());
        data.put("balance", event.balance().decimal());
        data.put("currency", event.goal().currency());
        return notifier.notify(event.owner(), "goal_reached", data, context.eventId());
    }

    /** {@code interest_credited}: {@code {"vaultId","vaultName","month","amount","currency","balance"}}. */
    @OutboxListener(id = "notifications.InterestCredited")
    Mono<Void> on(InterestCredited event, EventContext context) {
        var data = vault(event.vaultId().toString(), event.vaultName());
        data.put("month", event.month().toString());
        data.put("amount", event.amount().decimal());
        data.put("currency", event.amount().currency());
        data.put("balance", event.balance().decimal());
        return notifier.notify(event.owner(), "interest_credited", data, context.eventId());
    }

    /**
     * {@code scheduled_saving_skipped}: {@code {"vaultId","vaultName","amount","currency","scheduledFor","nextRun","code"}};
     * nothing moved, the schedule runs again on {@code nextRun}.
     */
    @OutboxListener(id = "notifications.ScheduledSavingSkipped")
    Mono<Void> on(ScheduledSavingSkipped event, EventContext context) {
        var data = vault(event.vaultId().toString(), event.vaultName());
        data.put("amount", event.amount().decimal());
        data.put("currency", event.amount().currency());
        data.put("scheduledFor", event.scheduledFor().toString());
        data.put("nextRun", event.nextRun().toString());
        data.put("code", event.reason());
        return notifier.notify(event.owner(), "scheduled_saving_skipped", data, context.eventId());
    }

    private static LinkedHashMap<String, Object> vault(String id, String name) {
        var data = new LinkedHashMap<String, Object>();
        data.put("vaultId", id);
        data.put("vaultName", name);
        return data;
    }
}
