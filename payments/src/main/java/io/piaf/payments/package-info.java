/**
 * Payments owns money: the double-entry ledger, wallets, top-ups, P2P payments confirmed by PIN, pay by post and in
 * a direct message, donations and receipts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments", allowedDependencies = { "common", "outbox", "identity", "messaging", "platform::batching", "platform::background", "platform :: secrets", "platform :: ratelimit", "platform :: logging" })
package io.piaf.payments;
