package io.piaf.pots.internal.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a pot accepts: a well-formed pot, contributions while it is open, withdrawals of what it holds, by its organiser. */
public final class PotRules {

    /** A pot's status as clients see it: CLOSED once the organiser closed it or its end date passed. */
    public enum Status {
        OPEN, CLOSED
    }

    /** What a pot is, for the rules. */
    public record Pot(boolean closed, Instant endsAt) {

        public Status status(Instant now) {
            return closed || (endsAt != null && !now.isBefore(endsAt)) ? Status.CLOSED : Status.OPEN;
        }
    }

    /** Why a request is refused: a stable code, the HTTP status it maps to, a sentence. */
    public record Refusal(int status, String code, String detail) {
    }

    private PotRules() {
    }

    public static Optional<Refusal> creation(String title, String description, Long target, Instant endsAt, Instant now) {
        if (title == null || title.isBlank() || title.strip().length() > 80) {
            return refuse(400, "invalid_title", "A pot's title is 1 to 80 characters.");
        }
        if (description != null && description.length() > 1000) {
            return refuse(400, "invalid_description", "A pot's description is at most 1000 characters.");
        }
        if (target != null && target <= 0) {
            return refuse(400, "invalid_amount", "A target is greater than zero.");
        }
        if (endsAt != null && endsAt.isBefore(now.plus(Duration.ofMinutes(1)))) {
            return refuse(400, "invalid_end", "A pot ends at least one minute from now.");
        }
        if (endsAt != null && endsAt.isAfter(now.plus(Duration.ofDays(366)))) {
            return refuse(400, "invalid_end", "A pot ends within a year.");
        }
        return Optional.empty();
    }

    public static Optional<Refusal> contribution(Pot pot, Instant now) {
        if (pot.closed()) {
            return refuse(409, "pot_closed", "This pot is closed: it takes no more contributions.");
        }
        if (pot.status(now) == Status.CLOSED) {
            return refuse(409, "pot_ended", "This pot ended at " + pot.endsAt() + ": it takes no more contributions.");
        }
        return Optional.empty();
    }

    /**
     * The amount to withdraw: all of {@code balance} when {@code requested} is null, else {@code requested} if the pot
     * holds it. Withdrawing stays possible after the pot closed or ended: its money is the organiser's.
     */
    public static Withdrawal withdrawal(long balance, Long requested) {
        if (requested != null && requested <= 0) {
            return new Withdrawal(0, new Refusal(400, "invalid_amount", "An amount is greater than zero."));
        }
        var amount = requested == null ? balance : requested;
        if (amount == 0 || amount > balance) {
            return new Withdrawal(0, new Refusal(422, "insufficient_funds",
                    "This pot holds " + PotAmounts.format(balance) + " EUR."));
        }
        return new Withdrawal(amount, null);
    }

    /** An amount to move, or why not. */
    public record Withdrawal(long amount, Refusal refusal) {
    }

    private static Optional<Refusal> refuse(int status, String code, String detail) {
        return Optional.of(new Refusal(status, code, detail));
    }
}
