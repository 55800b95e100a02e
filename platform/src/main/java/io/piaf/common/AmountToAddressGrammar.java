package io.piaf.common;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of a post command that gives an amount to an address, shared by pots ({@code #participer 10€ @pot/x})
 * and campaigns ({@code #soutenir 25€ @campagne/x}): a keyword, an amount in euros as in pay by post ({@code 12,50 €},
 * {@code €5}, {@code 20 euros}, a bare number), an optional {@code to}/{@code à}/{@code pour}, then the address;
 * case-insensitive, the rest of the text is the note. A keyword not followed by an amount is a hashtag
 * ({@code #participer au vote}); each module gives the outcomes its own codes and amount limits.
 */
public final class AmountToAddressGrammar {

    /** What a text holds. */
    public sealed interface Outcome {
    }

    /** No command: plain text, or keywords used as hashtags. */
    public record None() implements Outcome {
    }

    /** Two commands in one text. */
    public record Several() implements Outcome {
    }

    /** An amount that is not one: negative, or more than 2 decimals; {@code detail} says which. */
    public record BadAmount(String detail) implements Outcome {
    }

    /** An amount with no address of the expected kind after it. */
    public record NoAddress() implements Outcome {
    }

    /** A command: {@code amount} a decimal string ("12.50", "15"), {@code slug} lower-case, {@code note} or null. */
    public record Command(String amount, String slug, String note) implements Outcome {
    }

    private static final String SPACE = "[\\s\\p{Zs}]";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern AMOUNT_AHEAD = Pattern.compile(SPACE + "*(?:€|euros?" + SPACE + "|eur" + SPACE + ")?" + SPACE + "*[-−+]?[0-9]", FLAGS);
    private static final Pattern NOTE_LEAD = Pattern.compile("^[\\s\\p{Zs},;:.!-]*(?:(?:for|pour)[\\s\\p{Zs}]+)?", Pattern.CASE_INSENSITIVE);
    private static final String TOO_PRECISE = "An amount has at most 2 decimals (and no thousands separator).";

    private final Pattern keyword;
    private final Pattern command;

    /**
     * @param keywords the keywords without {@code #}, as a regular-expression alternation ({@code soutenir|back})
     * @param prefixes the address prefixes without {@code @} and {@code /}, as an alternation ({@code campagne|campaign})
     */
    public AmountToAddressGrammar(String keywords, String prefixes) {
        this.keyword = Pattern.compile("(?<![\\p{L}\\p{N}_])#(?:" + keywords + ")(?![\\p{L}_])", FLAGS);
        this.command = Pattern.compile(SPACE + "*(?:€" + SPACE + "*)?(?<int>[0-9]+)(?:[.,](?<dec>[0-9]+))?"
                + SPACE + "*(?:€|euros?(?![\\p{L}])|eur(?![\\p{L}]))?" + SPACE + "*(?:(?:to|à|pour)" + SPACE + "+)?"
                + "@(?:" + prefixes + ")/(?<slug>[a-z0-9-]+)(?![a-z0-9-])", FLAGS);
    }

    public Outcome parse(String text) {
        if (text == null) {
            return new None();
        }
        var keywords = keyword.matcher(text);
        Matcher found = null;
        int start = -1;
        while (keywords.find()) {
            if (!AMOUNT_AHEAD.matcher(text).region(keywords.end(), text.length()).lookingAt()) {
                continue;
            }
            if (start >= 0) {
                return new Several();
            }
            start = keywords.start();
            found = command.matcher(text).region(keywords.end(), text.length());
            if (!found.lookingAt()) {
                return refusalAt(text, keywords.end());
            }
        }
        if (start < 0) {
            return new None();
        }
        var decimals = found.group("dec");
        if (decimals != null && decimals.length() > 2) {
            return new BadAmount(TOO_PRECISE);
        }
        var rest = NOTE_LEAD.matcher(text.substring(found.end())).replaceFirst("");
        var note = (text.substring(0, start) + " " + rest).replaceAll("[\\s\\p{Zs}]+", " ").strip();
        return new Command(found.group("int") + (decimals == null ? "" : "." + decimals), found.group("slug").toLowerCase(Locale.ROOT),
                note.isEmpty() ? null : note);
    }

    private static Outcome refusalAt(String text, int i) {
        var rest = text.substring(i).stripLeading();
        if (rest.startsWith("-") || rest.startsWith("−")) {
            return new BadAmount("An amount is a positive number of euros, e.g. 10€.");
        }
        if (rest.matches("(?s)€?\\s*[0-9]+[.,][0-9]{3,}.*")) {
            return new BadAmount(TOO_PRECISE);
        }
        return new NoAddress();
    }
}
