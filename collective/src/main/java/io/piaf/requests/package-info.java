/**
 * Requests owns money requests and bill splits between users: who asked whom for how much, each payer's answer
 * (paid with one PIN confirmation, or declined) and the requester's reminders. A payment of a request is a payment
 * ordered through payments' {@code PaymentOrders} into the requester's wallet; an item turns PAID when payments
 * announces its completion. By API or by post ({@code #demander 15€ @bob}, {@code #request €15 from @bob}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Requests",
        allowedDependencies = { "common", "outbox", "identity", "messaging", "payments", "idempotency" })
package io.piaf.requests;
