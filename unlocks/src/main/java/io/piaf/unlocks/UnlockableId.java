package io.piaf.unlocks;

import java.util.Objects;
import java.util.UUID;

/** An unlockable item. */
public record UnlockableId(UUID value) {

    public UnlockableId {
        Objects.requireNonNull(value, "value");
    }

    public static UnlockableId random() {
        return new UnlockableId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
