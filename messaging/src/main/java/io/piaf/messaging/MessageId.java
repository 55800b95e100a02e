package io.piaf.messaging;

import java.util.UUID;

public record MessageId(UUID value) {

    public MessageId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
