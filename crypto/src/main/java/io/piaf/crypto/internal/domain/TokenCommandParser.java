package io.piaf.crypto.internal.domain;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/**
 * Pay by post in tokens: {@code #envoyer 5 EURP @bob}, {@code #send 2.50 EURP to @bob for lunch}, {@code #payer 5,5 eurp
 * à @bob}. The same keywords as euro payments (not {@code #don}), an amount, then a token symbol — {@code EURP} in any
 * case or any other ticker in capitals ({@code ETH}: refused as unsupported) — then the payee. Payments' parser
 * leaves exactly these texts alone. A text with several commands is payments' to refuse, so it is None here.
 */
public final class TokenCommandParser {

    private static final Pattern KEYWORD = Pattern.compile(
            "(?<![\\p{L}\\p{N}_])#(envoyer|payer|send|pay)(?![\\p{L}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ANY_KEYWORD = Pattern.compile(
            "(?<![\\p{L}\\p{N}_])#(envoyer|payer|don|send|pay)(?![\\p{L}_])[\\s\\p{Zs}]*[0-9€$£¥@+-]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern NUMBER = Pattern.compile("([0-9]+)(?:[.,]([0-9]+))?");
    /** A token symbol: EURP in any case, or a ticker in capitals; euro and fiat words are payments' business. */
    public static final Pattern SYMBOL = Pattern.compile("(?:(?i:eurp)|[A-Z][A-Z0-9]{1,9})(?![\\p{L}\\p{N}_])");
    private static final Pattern FIAT = Pattern.compile("(?i:euros?|eur|usd|gbp|chf|jpy)");
    private static final Pattern CONNECTOR = Pattern.compile("(?:to|à)(?=[\\s\\p{Zs}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HANDLE = Pattern.compile("@([A-Za-z0-9_]+)");
    private static final Pattern VALID_HANDLE = Pattern.compile("[a-z0-9_]{3,20}");
    private static final Pattern NOTE_LEAD = Pattern.compile("^[\\s\\p{Zs},;:.!-]*(?:(?:for|pour)[\\s\\p{Zs}]+)?", Pattern.CASE_INSENSITIVE);

    private TokenCommandParser() {
    }

    /** @param decimals the tokens Piaf holds, by upper-case symbol */
    public static TokenCommand parse(String text, Map<String, Integer> decimals) {
        if (text == null) {
            return new TokenCommand.None();
        }
        var commands = ANY_KEYWORD.matcher(text);
        var count = 0;
        while (commands.find()) {
            count++;
        }
        if (count != 1) {
            return new TokenCommand.None();
        }
        var keyword = KEYWORD.matcher(text);
        if (!keyword.find()) {
            return new TokenCommand.None(); // #don: euros only
        }
        var i = skipSpaces(text, keyword.end());
        var number = lookingAt(NUMBER, text, i);
        if (number == null) {
            return new TokenCommand.None();
        }
        var symbolAt = skipSpaces(text, number.end());
        var symbol = lookingAt(SYMBOL, text, symbolAt);
        if (symbol == null || isFiat(symbol.group())) {
            return new TokenCommand.None();
        }
        var token = symbol.group().toUpperCase(Locale.ROOT);
        if (!decimals.containsKey(token)) {
            return new TokenCommand.Invalid("unsupported_token", "Piaf holds " + String.join(", ", decimals.keySet())
                    + " only, not " + token + ".");
        }
        java.math.BigInteger amount;
        try {
            amount = TokenAmounts.toBase(number.group(1), number.group(2), decimals.get(token));
        } catch (ProblemException e) {
            return new TokenCommand.Invalid(e.code(), e.detail());
        }
        var end = symbol.end();
        var j = skipSpaces(text, end);
        var connector = lookingAt(CONNECTOR, text, j);
        if (connector != null) {
            j = skipSpaces(text, connector.end());
        }
        String payee = null;
        var handle = lookingAt(HANDLE, text, j);
        if (handle != null) {
            payee = handle.group(1).toLowerCase(Locale.ROOT);
            if (!VALID_HANDLE.matcher(payee).matches()) {
                return new TokenCommand.Invalid("payee_not_found", "@" + payee + " is not a Piaf handle.");
            }
            end = handle.end();
        }
        return new TokenCommand.Parsed(token, amount, payee, note(text.substring(0, keyword.start()), text.substring(end)));
    }

    /** Whether the word at {@code i} is a token symbol (for payments' parser, which leaves such commands alone). */
    public static boolean symbolAt(String text, int i) {
        var symbol = lookingAt(SYMBOL, text, skipSpaces(text, i));
        return symbol != null && !isFiat(symbol.group());
    }

    private static boolean isFiat(String word) {
        return FIAT.matcher(word).matches();
    }

    private static String note(String before, String after) {
        var rest = NOTE_LEAD.matcher(after).replaceFirst("");
        var note = (before + " " + rest).replaceAll("[\\s\\p{Zs}]+", " ").strip();
        return note.isEmpty() ? null : note;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static Matcher lookingAt(Pattern pattern, String text, int i) {
        if (i >= text.length()) {
            return null;
        }
        var m = pattern.matcher(text).region(i, text.length());
        return m.lookingAt() ? m : null;
    }
}
