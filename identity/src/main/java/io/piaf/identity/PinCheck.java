package io.piaf.identity;

import java.time.Instant;

/** The outcome of checking a user's payment PIN. */
public sealed interface PinCheck {

    record Accepted() implements PinCheck {
    }

    /** Wrong PIN; {@code attemptsLeft} more tries before the PIN locks. */
    record Rejected(int attemptsLeft) implements PinCheck {
    }

    /** Too many wrong PINs: no check succeeds before {@code until}. */
    record Locked(Instant until) implements PinCheck {
    }

    record NotSet() implements PinCheck {
    }
}
