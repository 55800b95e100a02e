package io.piaf.payments;

import java.util.Objects;

import io.piaf.identity.UserId;

/** A user as an event names them: the id, and the handle they had at the time, for display without a lookup. */
public record Party(UserId id, String handle) {

    public Party {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handle, "handle");
    }
}
