/**
 * Savings owns vaults: their goals, interest (daily accrual, monthly credit), round-ups and scheduled saving. Every
 * vault is a ledger account; money moves only through payments' {@code Ledger}, and round-ups follow payments'
 * {@code WalletDebited} events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Savings",
        allowedDependencies = { "common", "outbox", "identity", "payments", "idempotency", "platform::background" })
package io.piaf.savings;
