package io.piaf.unlocks.internal.domain;

import java.util.Optional;

/**
 * Whether a user may buy an item: it has a price, it is not theirs, and they do not hold an unlock of it already
 * (by post or by payment). Checked under the user's lock, before the PIN and before any money moves.
 */
public final class Purchase {

    private Purchase() {
    }

    public static Optional<Refusal> check(boolean own, Long price, boolean alreadyUnlocked) {
        if (own) {
            return Optional.of(new Refusal(422, "own_unlockable", "This is your own item: you already have its content."));
        }
        if (price == null) {
            return Optional.of(new Refusal(422, "not_for_sale", "This item is unlocked by posting only."));
        }
        if (alreadyUnlocked) {
            return Optional.of(new Refusal(409, "already_unlocked", "You unlocked this item already: nothing was charged."));
        }
        return Optional.empty();
    }
}
