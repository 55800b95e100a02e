package io.piaf.identity;

import java.time.Instant;
import java.util.Map;

import io.piaf.common.ProblemException;

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

    /**
     * The problem a failed check is at the API, the same wherever a PIN is asked: 422 {@code invalid_pin} with
     * {@code attemptsLeft}, 423 {@code pin_locked} with {@code lockedUntil}, 422 {@code pin_not_set}.
     */
    default ProblemException problem() {
        return switch (this) {
            case Rejected r -> new ProblemException(422, "invalid_pin", "Wrong PIN.", Map.of("attemptsLeft", r.attemptsLeft()));
            case Locked l -> new ProblemException(423, "pin_locked", "Too many wrong PINs: the PIN is locked until " + l.until() + ".",
                    Map.of("lockedUntil", l.until().toString()));
            case NotSet n -> ProblemException.unprocessable("pin_not_set", "Set a PIN first (PUT /api/me/pin).");
            case Accepted a -> throw new IllegalStateException("an accepted PIN is no problem");
        };
    }
}
