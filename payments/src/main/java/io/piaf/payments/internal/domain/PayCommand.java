package io.piaf.payments.internal.domain;

/** What the pay-by-post grammar found in a text. */
public sealed interface PayCommand {

    /** The text holds no payment command: an ordinary post. */
    record None() implements PayCommand {
    }

    /**
     * A well-formed command.
     *
     * @param amount in cents, &gt; 0 and within {@link Amounts#MAX_MINOR}
     * @param payeeHandle lower-case handle without {@code @}, or null when the text names none (a DM then pays the
     *        other participant)
     * @param note the rest of the text, or null
     * @param donation {@code #don}: the payee must be a verified charity
     */
    record Parsed(long amount, String payeeHandle, String note, boolean donation) implements PayCommand {
    }

    /** A command that cannot become a payment; {@code code} is the API's problem code. */
    record Invalid(String code, String detail) implements PayCommand {
    }
}
