package io.piaf.requests;

import java.util.Objects;
import java.util.UUID;

/** A money request (one or several payers, each with an item). */
public record RequestId(UUID value) {

    public RequestId {
        Objects.requireNonNull(value, "value");
    }

    public static RequestId random() {
        return new RequestId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
