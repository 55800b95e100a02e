package io.piaf.pots.internal.domain;

import io.piaf.common.AmountToAddressGrammar;
import io.piaf.common.Slugs;

/**
 * Contributing by post (API.md, "Pots"): {@code #participer 10€ @pot/anniv-lea}, {@code #chipin €10 @pot/x},
 * {@code #chip in €10 to @pot/x}, {@code #contribute 10 EUR to @pot/x}, in the grammar pots share with campaigns
 * ({@link AmountToAddressGrammar}); the rest of the text is the note. An amount with no pot address, or a second
 * command, is refused with a code.
 */
public final class PotCommandParser {

    private static final AmountToAddressGrammar GRAMMAR = new AmountToAddressGrammar(
            "participer|contribuer|chipin|chip[\\s\\p{Zs}]+in|contribute", "pot");

    private PotCommandParser() {
    }

    public static PotCommand parse(String text) {
        return switch (GRAMMAR.parse(text)) {
            case AmountToAddressGrammar.None none -> new PotCommand.None();
            case AmountToAddressGrammar.Several several -> new PotCommand.Invalid("multiple_commands", "One contribution per post.");
            case AmountToAddressGrammar.BadAmount bad -> new PotCommand.Invalid("invalid_amount", bad.detail());
            case AmountToAddressGrammar.NoAddress missing ->
                    new PotCommand.Invalid("pot_missing", "Name the pot after the amount, e.g. #participer 10€ @pot/anniv-lea.");
            case AmountToAddressGrammar.Command command -> contribution(command);
        };
    }

    private static PotCommand contribution(AmountToAddressGrammar.Command command) {
        long cents;
        try {
            cents = PotAmounts.cents(command.amount());
        } catch (IllegalArgumentException e) {
            return new PotCommand.Invalid("invalid_amount", e.getMessage());
        }
        if (!Slugs.isValid(command.slug())) {
            return new PotCommand.Invalid("pot_not_found", "@pot/" + command.slug() + " is not a pot's address.");
        }
        return new PotCommand.Parsed(cents, command.slug(), command.note());
    }
}
