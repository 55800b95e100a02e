/**
 * Campaigns owns all-or-nothing crowdfunding: campaigns with a goal, a deadline and reward tiers, pledges held in
 * escrow (a ledger account in payments, fed by PIN-confirmed payments), and the settlement at the deadline — released
 * to the creator minus the platform fee when the goal is met, every pledge refunded otherwise — exactly once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns",
        allowedDependencies = { "common", "outbox", "identity", "messaging", "payments", "platform::background", "idempotency" })
package io.piaf.campaigns;
