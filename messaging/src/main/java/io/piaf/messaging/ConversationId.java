package io.piaf.messaging;

import java.util.UUID;

public record ConversationId(UUID value) {

    public ConversationId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
