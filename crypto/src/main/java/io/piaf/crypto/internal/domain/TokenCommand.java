package io.piaf.crypto.internal.domain;

import java.math.BigInteger;

/** What the token pay-by-post grammar found in a text. */
public sealed interface TokenCommand {

    /** No token command: an ordinary text, or a euro command (payments' business). */
    record None() implements TokenCommand {
    }

    /**
     * A well-formed token command.
     *
     * @param payeeHandle lower-case handle without {@code @}, or null (a direct message then pays the other person)
     */
    record Parsed(String token, BigInteger amount, String payeeHandle, String note) implements TokenCommand {
    }

    /** A token command that cannot become a transfer; {@code code} is the API's problem code. */
    record Invalid(String code, String detail) implements TokenCommand {
    }
}
