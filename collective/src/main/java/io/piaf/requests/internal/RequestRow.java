package io.piaf.requests.internal;

import java.time.Instant;

import io.piaf.identity.UserId;
import io.piaf.requests.RequestId;

/** A request as stored: {@code kind} EACH or SPLIT ({@code total} set for a split), {@code note} may be null. */
record RequestRow(RequestId id, UserId requester, String requesterHandle, String kind, Long total, String note, Instant createdAt) {
}
