package io.piaf.campaigns.internal.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pledging by post (API.md, "Campaigns"): {@code #soutenir 25€ @campagne/cuvee}, {@code #back €25 @campaign/cuvee},
 * {@code #back 25 EUR to @campaign/cuvee}; amounts as pay by post, the rest of the text is ignored (a pledge has no
 * note). A keyword not followed by an amount is a hashtag ({@code #soutenir la cause}); an amount with no campaign
 * address, or a second command, is refused with a code. Pots' grammar ({@code PotCommandParser}) is the same shape.
 */
public final class PledgeCommandParser {

    private static final String SPACE = "[\\s\\p{Zs}]";
    private static final Pattern KEYWORD = Pattern.compile(
            "(?<![\\p{L}\\p{N}_])#(?:soutenir|back)(?![\\p{L}_])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AMOUNT_AHEAD = Pattern.compile(SPACE + "*(?:€|euros?" + SPACE + "|eur" + SPACE + ")?" + SPACE + "*[-−+]?[0-9]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern COMMAND = Pattern.compile(SPACE + "*(?:€" + SPACE + "*)?(?<int>[0-9]+)(?:[.,](?<dec>[0-9]+))?"
            + SPACE + "*(?:€|euros?(?![\\p{L}])|eur(?![\\p{L}]))?" + SPACE + "*(?:(?:to|à|pour)" + SPACE + "+)?"
            + "@(?:campagne|campaign)/(?<slug>[a-z0-9-]+)(?![a-z0-9-])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern NOTE_LEAD = Pattern.compile("^[\\s\\p{Zs},;:.!-]*(?:(?:for|pour)[\\s\\p{Zs}]+)?", Pattern.CASE_INSENSITIVE);

    private PledgeCommandParser() {
    }

    public static PledgeCommand parse(String text) {
        if (text == null) {
            return new PledgeCommand.None();
        }
        var keyword = KEYWORD.matcher(text);
        Matcher command = null;
        int start = -1;
        while (keyword.find()) {
            if (!AMOUNT_AHEAD.matcher(text).region(keyword.end(), text.length()).lookingAt()) {
                continue;
            }
            if (start >= 0) {
                return new PledgeCommand.Invalid("multiple_commands", "One pledge per post.");
            }
            start = keyword.start();
            command = COMMAND.matcher(text).region(keyword.end(), text.length());
            if (!command.lookingAt()) {
                return invalidAt(text, keyword.end());
            }
        }
        if (start < 0) {
            return new PledgeCommand.None();
        }
        var decimals = command.group("dec");
        if (decimals != null && decimals.length() > 2) {
            return new PledgeCommand.Invalid("invalid_amount", "An amount has at most 2 decimals (and no thousands separator).");
        }
        long cents;
        try {
            cents = cents(command.group("int"), decimals);
        } catch (IllegalArgumentException e) {
            return new PledgeCommand.Invalid("invalid_amount", e.getMessage());
        }
        var slug = command.group("slug").toLowerCase(Locale.ROOT);
        if (!Slugs.isValid(slug)) {
            return new PledgeCommand.Invalid("campaign_not_found", "@campagne/" + slug + " is not a campaign's address.");
        }
        var rest = NOTE_LEAD.matcher(text.substring(command.end())).replaceFirst("");
        var note = (text.substring(0, start) + " " + rest).replaceAll("[\\s\\p{Zs}]+", " ").strip();
        return new PledgeCommand.Parsed(cents, slug, note.isEmpty() ? null : note);
    }

    private static long cents(String integer, String decimals) {
        var text = integer + (decimals == null ? "" : "." + decimals);
        if (integer.length() > 12) {
            throw new IllegalArgumentException("An amount is at most 1000000.00 EUR.");
        }
        var cents = new java.math.BigDecimal(text).movePointRight(2).longValueExact();
        if (cents <= 0) {
            throw new IllegalArgumentException("An amount is greater than zero.");
        }
        if (cents > 100_000_000L) {
            throw new IllegalArgumentException("An amount is at most 1000000.00 EUR.");
        }
        return cents;
    }

    private static PledgeCommand invalidAt(String text, int i) {
        var rest = text.substring(i).stripLeading();
        if (rest.startsWith("-") || rest.startsWith("−")) {
            return new PledgeCommand.Invalid("invalid_amount", "An amount is a positive number of euros, e.g. 10€.");
        }
        if (rest.matches("(?s)€?\\s*[0-9]+[.,][0-9]{3,}.*")) {
            return new PledgeCommand.Invalid("invalid_amount", "An amount has at most 2 decimals (and no thousands separator).");
        }
        return new PledgeCommand.Invalid("campaign_missing", "Name the campaign after the amount, e.g. #soutenir 25€ @campagne/cuvee.");
    }
}
