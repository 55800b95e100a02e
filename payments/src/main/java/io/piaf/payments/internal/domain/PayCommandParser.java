package io.piaf.payments.internal.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;
import io.piaf.identity.Handle;

/**
 * The pay-by-post grammar (API.md, "Pay by post"): {@code #envoyer|#payer|#don|#send|#pay}, an amount in euros
 * ({@code 50€}, {@code 12,50 €}, {@code €7.5}, {@code 20 euros}, {@code 20 EUR}, or a bare number), an optional
 * {@code to}/{@code à}, then the payee {@code @handle}. Case-insensitive, spaces optional; the rest of the text is the
 * note. A keyword not followed by an amount is an ordinary hashtag ({@code #pay attention}). One command per text.
 * When in doubt it refuses rather than guesses: {@code 1 000€} or {@code 1.000,50€} would
 * otherwise pay 1 €, so they are invalid amounts. An amount in a token ({@code #envoyer 5 EURP @bob}: EURP in any
 * case, or any ticker in capitals such as {@code ETH}) is the crypto module's command, not a bad euro amount: None.
 */
public final class PayCommandParser {

    private static final Pattern KEYWORD = Pattern.compile(
            "(?<![\\p{L}\\p{N}_])#(envoyer|payer|don|send|pay)(?![\\p{L}_])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern NUMBER = Pattern.compile("([0-9]+)(?:[.,]([0-9]+))?");
    private static final Pattern EURO_WORD = Pattern.compile("(?:euros?|eur)(?![\\p{L}])", Pattern.CASE_INSENSITIVE);
    private static final Pattern FOREIGN = Pattern.compile(
            "(?:[$£¥]|(?:usd|gbp|chf|jpy|dollars?|livres?|pounds?)(?![\\p{L}]))", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD_THEN_CURRENCY = Pattern.compile("[^\\s@#]+[\\s\\p{Zs}]*(?:€|(?:euros?|eur)(?![\\p{L}]))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CONNECTOR = Pattern.compile("(?:to|à)(?=[\\s\\p{Zs}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HANDLE = Pattern.compile("@([A-Za-z0-9_]+)");
    /** A token symbol (crypto's TokenCommandParser.SYMBOL): EURP in any case, or a ticker in capitals. */
    private static final Pattern TOKEN = Pattern.compile("(?:(?i:eurp)|[A-Z][A-Z0-9]{1,9})(?![\\p{L}\\p{N}_])");
    private static final Pattern FIAT = Pattern.compile("(?i:euros?|eur|usd|gbp|chf|jpy)");
    private static final Pattern NOTE_LEAD = Pattern.compile("^[\\s\\p{Zs},;:.!-]*(?:(?:for|pour)[\\s\\p{Zs}]+)?", Pattern.CASE_INSENSITIVE);

    private PayCommandParser() {
    }

    public static PayCommand parse(String text) {
        if (text == null) {
            return new PayCommand.None();
        }
        var keyword = KEYWORD.matcher(text);
        int start = -1;
        int afterKeyword = -1;
        boolean donation = false;
        while (keyword.find()) {
            if (!amountFollows(text, keyword.end())) {
                continue; // "#pay attention", "#don quichotte": a hashtag, not a command
            }
            if (start >= 0) {
                return new PayCommand.Invalid("multiple_commands", "One payment command per message.");
            }
            start = keyword.start();
            afterKeyword = keyword.end();
            donation = keyword.group(1).equalsIgnoreCase("don");
        }
        if (start < 0) {
            return new PayCommand.None();
        }
        try {
            return parseCommand(text, start, afterKeyword, donation);
        } catch (ProblemException invalidAmount) {
            return new PayCommand.Invalid(invalidAmount.code(), invalidAmount.detail());
        }
    }

    /**
     * Whether a keyword is followed by an attempt at a payment: a digit, a sign or a currency, a payee straight away
     * ({@code #envoyer @bob 20€}), or a word then a currency ({@code #envoyer cinq euros}). Such an attempt gets a
     * clear refusal rather than silence; anything else is an ordinary hashtag.
     */
    private static boolean amountFollows(String text, int i) {
        i = skipSpaces(text, i);
        if (i >= text.length()) {
            return false;
        }
        var c = text.charAt(i);
        if (Character.isDigit(c) || "€$£¥-−–+@".indexOf(c) >= 0) {
            return true;
        }
        if (WORD_THEN_CURRENCY.matcher(text).region(i, text.length()).lookingAt()) {
            return true;
        }
        var word = lookingAt(EURO_WORD, text, i);
        if (word == null) {
            word = lookingAt(FOREIGN, text, i);
        }
        if (word == null) {
            return false;
        }
        var next = skipSpaces(text, word.end());
        return next < text.length() && Character.isDigit(text.charAt(next));
    }

    private static PayCommand parseCommand(String text, int start, int i, boolean donation) {
        i = skipSpaces(text, i);
        if (at(text, i, "€")) {
            i = skipSpaces(text, i + 1);
        } else if (lookingAt(EURO_WORD, text, i) != null) {
            i = skipSpaces(text, lookingAt(EURO_WORD, text, i).end());
        } else if (lookingAt(FOREIGN, text, i) != null) {
            return unsupportedCurrency();
        }
        if (i < text.length() && "-−–+".indexOf(text.charAt(i)) >= 0) {
            return new PayCommand.Invalid("invalid_amount", "An amount is a positive number of euros, e.g. 20€.");
        }
        var number = lookingAt(NUMBER, text, i);
        if (number == null) {
            return new PayCommand.Invalid("invalid_amount", "Write the amount right after the command, e.g. #envoyer 20€ @michel.");
        }
        if (tokenAt(text, skipSpaces(text, number.end()))) {
            return new PayCommand.None(); // "#envoyer 5 EURP @bob": paid in tokens, by the crypto module
        }
        var decimals = number.group(2);
        if (decimals != null && decimals.length() > 2) {
            return new PayCommand.Invalid("invalid_amount", "An amount has at most 2 decimals (and no thousands separator).");
        }
        i = number.end();
        if (i + 1 < text.length() && (text.charAt(i) == '.' || text.charAt(i) == ',') && Character.isDigit(text.charAt(i + 1))) {
            return new PayCommand.Invalid("invalid_amount", "Write the amount without thousands separators, e.g. 1000,50€.");
        }
        if (i < text.length() && Character.isLetter(text.charAt(i)) && lookingAt(EURO_WORD, text, i) == null
                && lookingAt(FOREIGN, text, i) == null) {
            return new PayCommand.Invalid("invalid_amount", "An amount is digits, e.g. 20€ or 12,50€.");
        }
        var afterNumber = skipSpaces(text, i);
        if (afterNumber < text.length() && Character.isDigit(text.charAt(afterNumber))) {
            return new PayCommand.Invalid("invalid_amount", "Write the amount without thousands separators, e.g. 1000€.");
        }
        var amount = Amounts.toMinor(number.group(1), decimals);
        i = afterNumber;
        if (at(text, i, "€")) {
            i++;
        } else if (lookingAt(EURO_WORD, text, i) != null) {
            i = lookingAt(EURO_WORD, text, i).end();
        } else if (lookingAt(FOREIGN, text, i) != null) {
            return unsupportedCurrency();
        }
        var end = i;
        var j = skipSpaces(text, i);
        var connector = lookingAt(CONNECTOR, text, j);
        if (connector != null) {
            j = skipSpaces(text, connector.end());
        }
        String payee = null;
        var handle = lookingAt(HANDLE, text, j);
        if (handle != null) {
            payee = handle.group(1).toLowerCase(Locale.ROOT);
            if (!Handle.isValid(payee)) {
                return new PayCommand.Invalid("payee_not_found", "@" + payee + " is not a Piaf handle.");
            }
            end = handle.end();
        }
        return new PayCommand.Parsed(amount, payee, note(text.substring(0, start), text.substring(end)), donation);
    }

    private static String note(String before, String after) {
        var rest = NOTE_LEAD.matcher(after).replaceFirst("");
        var note = (before + " " + rest).replaceAll("[\\s\\p{Zs}]+", " ").strip();
        return note.isEmpty() ? null : note;
    }

    private static boolean tokenAt(String text, int i) {
        var token = lookingAt(TOKEN, text, i);
        return token != null && !FIAT.matcher(token.group()).matches();
    }

    private static PayCommand unsupportedCurrency() {
        return new PayCommand.Invalid("unsupported_currency", "Piaf pays in euros only, e.g. 20€.");
    }

    /** Also skips no-break spaces: French typography writes {@code 12,50\u00A0€}. */
    private static int skipSpaces(String text, int i) {
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static boolean at(String text, int i, String token) {
        return text.startsWith(token, i);
    }

    private static Matcher lookingAt(Pattern pattern, String text, int i) {
        if (i >= text.length()) {
            return null;
        }
        var m = pattern.matcher(text).region(i, text.length());
        return m.lookingAt() ? m : null;
    }
}
