package io.piaf.pots.internal.domain;

/** What a post says to a pot: nothing, a contribution, or an attempt that cannot be one (with a problem code). */
public sealed interface PotCommand {

    record None() implements PotCommand {
    }

    record Invalid(String code, String detail) implements PotCommand {
    }

    /** {@code amount} in cents to the pot {@code slug}; {@code note} is the rest of the text, or null. */
    record Parsed(long amount, String slug, String note) implements PotCommand {
    }
}
