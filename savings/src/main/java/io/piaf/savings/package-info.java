/**
 * Savings owns savings accounts and their interest; it moves money only through the payments ledger. Placeholder: its features come later.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Savings", allowedDependencies = { "common", "outbox", "identity", "payments" })
package io.piaf.savings;
