/**
 * Commerce owns merchants (their OAuth client is identity's, their balance an account in payments' ledger),
 * checkout sessions paid in Piaf's app with the PIN, refunds, and the signed webhooks that tell merchants about them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Commerce",
        allowedDependencies = { "common", "outbox", "identity", "payments", "idempotency", "platform::background" })
package io.piaf.commerce;
