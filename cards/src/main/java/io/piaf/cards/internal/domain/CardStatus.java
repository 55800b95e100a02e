package io.piaf.cards.internal.domain;

/** A card's state. Frozen is reversible; cancelled is final (a used single-use card is cancelled). */
public enum CardStatus {
    ACTIVE, FROZEN, CANCELLED;

    /** The state after the holder's action, or empty when the action does not apply (cancelled stays cancelled). */
    public java.util.Optional<CardStatus> after(Action action) {
        if (this == CANCELLED) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(switch (action) {
            case FREEZE -> FROZEN;
            case UNFREEZE -> ACTIVE;
            case CANCEL -> CANCELLED;
        });
    }

    public enum Action {
        FREEZE, UNFREEZE, CANCEL
    }
}
