package io.piaf.messaging;

import java.util.UUID;

public record PostId(UUID value) {

    public PostId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
