package io.piaf.campaigns.internal.domain;

/** What a post says to a campaign: nothing, a pledge, or an attempt that cannot be one (with a problem code). */
public sealed interface PledgeCommand {

    record None() implements PledgeCommand {
    }

    record Invalid(String code, String detail) implements PledgeCommand {
    }

    /** {@code amount} in cents to the campaign {@code slug}; {@code note} is the rest of the text, or null. */
    record Parsed(long amount, String slug, String note) implements PledgeCommand {
    }
}
