package io.piaf.pots.internal.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contributing by post (API.md, "Pots"): {@code #participer 10€ @pot/anniv-lea}, {@code #chipin €10 @pot/x},
 * {@code #chip in €10 to @pot/x}, {@code #contribute 10 EUR to @pot/x}; an amount in euros as in pay by post
 * ({@code 12,50 €}, {@code 20 euros}, a bare number), an optional {@code to}/{@code à}/{@code pour}, then the pot's
 * address. Case-insensitive; the rest of the text is the note. A keyword not followed by an amount is a hashtag
 * ({@code #participer au vote}); an amount with no pot address, or a second command, is refused with a code.
 */
public final class PotCommandParser {

    private static final String SPACE = "[\\s\\p{Zs}]";
    private static final Pattern KEYWORD = Pattern.compile(
            "(?<![\\p{L}\\p{N}_])#(?:participer|contribuer|chipin|chip" + SPACE + "+in|contribute)(?![\\p{L}_])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AMOUNT_AHEAD = Pattern.compile(SPACE + "*(?:€|euros?" + SPACE + "|eur" + SPACE + ")?" + SPACE + "*[-−+]?[0-9]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern COMMAND = Pattern.compile(SPACE + "*(?:€" + SPACE + "*)?(?<int>[0-9]+)(?:[.,](?<dec>[0-9]+))?"
            + SPACE + "*(?:€|euros?(?![\\p{L}])|eur(?![\\p{L}]))?" + SPACE + "*(?:(?:to|à|pour)" + SPACE + "+)?"
            + "@pot/(?<slug>[a-z0-9-]+)(?![a-z0-9-])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern NOTE_LEAD = Pattern.compile("^[\\s\\p{Zs},;:.!-]*(?:(?:for|pour)[\\s\\p{Zs}]+)?", Pattern.CASE_INSENSITIVE);

    private PotCommandParser() {
    }

    public static PotCommand parse(String text) {
        if (text == null) {
            return new PotCommand.None();
        }
        var keyword = KEYWORD.matcher(text);
        Matcher command = null;
        int start = -1;
        while (keyword.find()) {
            if (!AMOUNT_AHEAD.matcher(text).region(keyword.end(), text.length()).lookingAt()) {
                continue;
            }
            if (start >= 0) {
                return new PotCommand.Invalid("multiple_commands", "One contribution per post.");
            }
            start = keyword.start();
            command = COMMAND.matcher(text).region(keyword.end(), text.length());
            if (!command.lookingAt()) {
                return invalidAt(text, keyword.end());
            }
        }
        if (start < 0) {
            return new PotCommand.None();
        }
        var decimals = command.group("dec");
        if (decimals != null && decimals.length() > 2) {
            return new PotCommand.Invalid("invalid_amount", "An amount has at most 2 decimals (and no thousands separator).");
        }
        long cents;
        try {
            cents = PotAmounts.cents(command.group("int"), decimals);
        } catch (IllegalArgumentException e) {
            return new PotCommand.Invalid("invalid_amount", e.getMessage());
        }
        var slug = command.group("slug").toLowerCase(Locale.ROOT);
        if (!Slugs.isValid(slug)) {
            return new PotCommand.Invalid("pot_not_found", "@pot/" + slug + " is not a pot's address.");
        }
        var rest = NOTE_LEAD.matcher(text.substring(command.end())).replaceFirst("");
        var note = (text.substring(0, start) + " " + rest).replaceAll("[\\s\\p{Zs}]+", " ").strip();
        return new PotCommand.Parsed(cents, slug, note.isEmpty() ? null : note);
    }

    private static PotCommand invalidAt(String text, int i) {
        var rest = text.substring(i).stripLeading();
        if (rest.startsWith("-") || rest.startsWith("−")) {
            return new PotCommand.Invalid("invalid_amount", "An amount is a positive number of euros, e.g. 10€.");
        }
        if (rest.matches("(?s)€?\\s*[0-9]+[.,][0-9]{3,}.*")) {
            return new PotCommand.Invalid("invalid_amount", "An amount has at most 2 decimals (and no thousands separator).");
        }
        return new PotCommand.Invalid("pot_missing", "Name the pot after the amount, e.g. #participer 10€ @pot/anniv-lea.");
    }
}
