package io.piaf.identity;

import java.util.UUID;

import io.piaf.common.ProblemException;

public record UserId(UUID value) {

    public UserId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    /** Reads the subject of a Piaf token. */
    public static UserId fromSubject(String subject) {
        try {
            return new UserId(UUID.fromString(subject));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(401, "unauthenticated", "The token does not name a Piaf user.");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
