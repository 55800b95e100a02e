package io.piaf.requests.internal.domain;

import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requesting by post (API.md, "Pots, campaigns, requests"): {@code #demander 15€ @bob}, {@code #demander 15 € à @bob
 * et @carol}, {@code #request €15 from @bob}, {@code #request 15 EUR from @bob, @carol and @dan}; an amount in euros as
 * in pay by post ({@code 12,50 €}, {@code 20 euros}, a bare number) asked of each person named. Case-insensitive; the
 * rest of the text is the note. A keyword not followed by an amount is a hashtag ({@code #demander conseil}); an amount
 * with nobody named, or a second command, is refused with a code.
 */
public final class RequestCommandParser {

    private static final String SPACE = "[\\s\\p{Zs}]";
    private static final Pattern KEYWORD = Pattern.compile("(?<![\\p{L}\\p{N}_])#(?:demander|request)(?![\\p{L}_])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AMOUNT_AHEAD = Pattern.compile(SPACE + "*(?:€|euros?" + SPACE + "|eur" + SPACE + ")?" + SPACE + "*[-−+]?[0-9]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AMOUNT = Pattern.compile(SPACE + "*(?:€" + SPACE + "*)?(?<int>[0-9]+)(?:[.,](?<dec>[0-9]+))?"
            + SPACE + "*(?:€|euros?(?![\\p{L}])|eur(?![\\p{L}]))?" + SPACE + "*(?:(?:from|to|à|a|de|auprès" + SPACE + "+de)" + SPACE + "+)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HANDLE = Pattern.compile("@(?<handle>[A-Za-z0-9_]+)(?![A-Za-z0-9_/])");
    private static final Pattern SEPARATOR = Pattern.compile(SPACE + "*(?:,|&|" + SPACE + "(?:et|and)" + SPACE + ")?" + SPACE + "*(?=@)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern NOTE_LEAD = Pattern.compile("^[\\s\\p{Zs},;:.!-]*(?:(?:for|pour)[\\s\\p{Zs}]+)?", Pattern.CASE_INSENSITIVE);

    private RequestCommandParser() {
    }

    public static RequestCommand parse(String text) {
        if (text == null) {
            return new RequestCommand.None();
        }
        var keyword = KEYWORD.matcher(text);
        Matcher amount = null;
        int start = -1;
        while (keyword.find()) {
            if (!AMOUNT_AHEAD.matcher(text).region(keyword.end(), text.length()).lookingAt()) {
                continue;
            }
            if (start >= 0) {
                return new RequestCommand.Invalid("multiple_commands", "One request per post.");
            }
            start = keyword.start();
            amount = AMOUNT.matcher(text).region(keyword.end(), text.length());
            if (!amount.lookingAt()) {
                return new RequestCommand.Invalid("invalid_amount", "An amount is a positive number of euros, e.g. 15€.");
            }
        }
        if (start < 0) {
            return new RequestCommand.None();
        }
        var decimals = amount.group("dec");
        if (decimals != null && decimals.length() > 2) {
            return new RequestCommand.Invalid("invalid_amount", "An amount has at most 2 decimals (and no thousands separator).");
        }
        long cents;
        try {
            cents = RequestAmounts.cents(amount.group("int") + (decimals == null ? "" : "." + decimals));
        } catch (IllegalArgumentException e) {
            return new RequestCommand.Invalid("invalid_amount", e.getMessage());
        }
        var handles = new ArrayList<String>();
        var at = amount.end();
        var last = at;
        var handle = HANDLE.matcher(text);
        while (handle.region(at, text.length()).lookingAt()) {
            handles.add(handle.group("handle").toLowerCase(Locale.ROOT));
            at = handle.end();
            last = at;
            var separator = SEPARATOR.matcher(text).region(at, text.length());
            if (!separator.lookingAt()) {
                break;
            }
            at = separator.end();
        }
        if (handles.isEmpty()) {
            return new RequestCommand.Invalid("payer_missing", "Name who you ask after the amount, e.g. #demander 15€ @bob.");
        }
        if (cents > RequestAmounts.MAX) {
            return new RequestCommand.Invalid("invalid_amount", "Each person is asked for at most " + RequestAmounts.format(RequestAmounts.MAX) + " EUR.");
        }
        var rest = NOTE_LEAD.matcher(text.substring(last)).replaceFirst("");
        var note = (text.substring(0, start) + " " + rest).replaceAll("[\\s\\p{Zs}]+", " ").strip();
        return new RequestCommand.Parsed(cents, java.util.List.copyOf(handles), note.isEmpty() ? null : note);
    }
}
