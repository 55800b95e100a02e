package io.piaf.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.piaf.identity.UserId;

/**
 * Something another module publishes into timelines on a user's behalf, e.g. a payment receipt. Messaging knows
 * nothing of its meaning: it shows {@code text} to whoever the visibility allows, and {@code partyDetails} (e.g. an
 * amount) only to the {@code parties}.
 *
 * @param id the publisher's id for the item (e.g. the payment id): publishing it again changes nothing
 * @param kind what the item is, for clients to render it, e.g. {@code payment_receipt}
 * @param actor whose item it is (the payer of a receipt)
 * @param parties the users the item is about (payer and payee); each sees it in their home timeline
 * @param visibility PUBLIC: also the actor's and parties' followers and profile visitors; FOLLOWERS: also their
 *        followers; PRIVATE: only the parties
 * @param text what everyone allowed to see the item reads, e.g. "alice paid bob · pizza"
 * @param partyDetails extra fields only the parties see, e.g. {@code amount}
 */
public record TimelineItem(UUID id, String kind, UserId actor, Set<UserId> parties, Visibility visibility, String text,
        Map<String, String> partyDetails, Instant at) {
}
