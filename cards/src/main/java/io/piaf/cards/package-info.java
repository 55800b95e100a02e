/**
 * Cards owns debit cards on the wallet: issuing (PAN encrypted, CVV derived, never stored), the holder's controls,
 * and the issuer side of the card network (authorizations held on the wallet through payments' ledger, clearings,
 * reversals, refunds), announced by events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cards",
        allowedDependencies = { "common", "outbox", "identity", "payments", "platform::background", "platform :: secrets", "platform :: batching" })
package io.piaf.cards;
