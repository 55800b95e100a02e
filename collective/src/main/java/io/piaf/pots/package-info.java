/**
 * Pots owns money pots (cagnottes): their pages, who contributed what and who may see it, and the organiser's
 * withdrawals and closing. A pot's balance is a ledger account in payments; contributions are payments ordered into
 * it (PIN, caps and receipts as any payment), by API or by post ({@code #participer 10€ @pot/anniv-lea}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pots",
        allowedDependencies = { "common", "outbox", "identity", "messaging", "payments", "idempotency" })
package io.piaf.pots;
