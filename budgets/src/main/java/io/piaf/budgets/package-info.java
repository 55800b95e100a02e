/**
 * Budgets owns monthly creator budgets (Flattr / Kachingle): a user's budget, taken from their wallet into a budget
 * ledger account at subscription and at the start of each month, the posts they flattr during the month, and the
 * month's close — the budget split among the creators flattred, less the platform's fee, or returned when nothing was
 * flattred — exactly once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Budgets",
        allowedDependencies = { "common", "outbox", "identity", "messaging", "payments", "platform::background" })
package io.piaf.budgets;
