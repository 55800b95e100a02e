package io.piaf.campaigns;

import java.util.Objects;
import java.util.UUID;

public record PledgeId(UUID value) {

    public PledgeId {
        Objects.requireNonNull(value, "value");
    }

    public static PledgeId random() {
        return new PledgeId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
