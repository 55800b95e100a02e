/**
 * Unlocks owns "Pay with a Post": items whose content a user unlocks by publishing the creator's recommendation post
 * (edited within the creator's rules), the unlocks and their viral chain, the creator's reach and conversion, and the
 * expiring signed links that deliver the content. The post is published through messaging's API in the same
 * transaction as the unlock (publishing it is the user's own request, and the answer carries the content link), and
 * messaging's {@link io.piaf.messaging.PostDeleted} revokes an unlock whose post is deleted within 24 hours. "Or pay": an
 * item may also be bought, the price moving through payments' {@code Ledger} in the unlock's transaction (the PIN is
 * checked by identity, as commerce's checkout does).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Unlocks",
        allowedDependencies = { "common", "outbox", "identity", "messaging", "payments", "idempotency", "platform :: secrets" })
package io.piaf.unlocks;
