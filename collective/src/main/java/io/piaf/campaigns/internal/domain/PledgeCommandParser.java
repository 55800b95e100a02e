package io.piaf.campaigns.internal.domain;

import java.math.BigDecimal;

import io.piaf.common.AmountToAddressGrammar;
import io.piaf.common.Slugs;

/**
 * Pledging by post (API.md, "Campaigns"): {@code #soutenir 25€ @campagne/cuvee}, {@code #back €25 @campaign/cuvee},
 * {@code #back 25 EUR to @campaign/cuvee}, in the grammar campaigns share with pots ({@link AmountToAddressGrammar}).
 * An amount with no campaign address, or a second command, is refused with a code.
 */
public final class PledgeCommandParser {

    private static final AmountToAddressGrammar GRAMMAR = new AmountToAddressGrammar("soutenir|back", "campagne|campaign");
    private static final BigDecimal MAX_CENTS = BigDecimal.valueOf(100_000_000L);

    private PledgeCommandParser() {
    }

    public static PledgeCommand parse(String text) {
        return switch (GRAMMAR.parse(text)) {
            case AmountToAddressGrammar.None none -> new PledgeCommand.None();
            case AmountToAddressGrammar.Several several -> new PledgeCommand.Invalid("multiple_commands", "One pledge per post.");
            case AmountToAddressGrammar.BadAmount bad -> new PledgeCommand.Invalid("invalid_amount", bad.detail());
            case AmountToAddressGrammar.NoAddress missing ->
                    new PledgeCommand.Invalid("campaign_missing", "Name the campaign after the amount, e.g. #soutenir 25€ @campagne/cuvee.");
            case AmountToAddressGrammar.Command command -> pledge(command);
        };
    }

    private static PledgeCommand pledge(AmountToAddressGrammar.Command command) {
        var cents = new BigDecimal(command.amount()).movePointRight(2);
        if (cents.signum() <= 0) {
            return new PledgeCommand.Invalid("invalid_amount", "An amount is greater than zero.");
        }
        if (cents.compareTo(MAX_CENTS) > 0) {
            return new PledgeCommand.Invalid("invalid_amount", "An amount is at most 1000000.00 EUR.");
        }
        if (!Slugs.isValid(command.slug())) {
            return new PledgeCommand.Invalid("campaign_not_found", "@campagne/" + command.slug() + " is not a campaign's address.");
        }
        return new PledgeCommand.Parsed(cents.longValueExact(), command.slug(), command.note());
    }
}
