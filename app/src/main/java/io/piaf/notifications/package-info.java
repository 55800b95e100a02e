/**
 * Notifications tell users what happened that concerns them (a new follower, a mention, a direct message, and the
 * payment and savings events), in a list with read/unread state and on a live stream. They listen to every module's
 * events: one small listener class per source module (e.g. {@code MessagingNotifications}), all writing through one
 * idempotent {@code Notifier}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications",
        allowedDependencies = { "common", "outbox", "identity", "messaging", "payments", "cards", "savings", "crypto", "pots", "campaigns", "budgets", "commerce", "requests", "platform::background" })
package io.piaf.notifications;
