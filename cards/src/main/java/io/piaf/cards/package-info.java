/**
 * Cards owns debit cards (tokenized PAN, holds and captures through the payments ledger). Placeholder: its features come later.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cards", allowedDependencies = { "common", "outbox", "identity", "payments" })
package io.piaf.cards;
