package io.piaf.requests.internal.domain;

import java.util.List;

/** What a post says about requesting money. */
public sealed interface RequestCommand {

    /** No request command (perhaps the hashtag, without an amount). */
    record None() implements RequestCommand {
    }

    /** Ask each of {@code handles} (lower case, without '@', in order) for {@code amount} cents; {@code note} may be null. */
    record Parsed(long amount, List<String> handles, String note) implements RequestCommand {
    }

    /** A request command that cannot be carried out, with the API's problem code. */
    record Invalid(String code, String detail) implements RequestCommand {
    }
}
